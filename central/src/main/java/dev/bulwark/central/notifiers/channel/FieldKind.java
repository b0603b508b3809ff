package dev.bulwark.central.notifiers.channel;

/** What a notifier setting holds, which decides how it is validated. */
public enum FieldKind {
  /** A string of 1 to 1000 characters without control characters. */
  TEXT,
  /** An absolute {@code https} URL. */
  HTTPS_URL,
  /** One or more PEM certificates to trust instead of the JDK's CAs. */
  PEM,
  /** A TCP or UDP port, 1 to 65535. */
  PORT,
  /** A host name or IP address. */
  HOST,
  /** An email address. */
  EMAIL,
  /** An object of HTTP header names to values. */
  HEADERS,
  /** An object of Bulwark severities (LOW, MEDIUM, HIGH, CRITICAL) to the peer's priority names. */
  PRIORITIES,
  /** One of the field's choices. */
  CHOICE
}
