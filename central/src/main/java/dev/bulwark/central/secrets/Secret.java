package dev.bulwark.central.secrets;

/**
 * A secret value (a notifier's password, a webhook's token) that does not show up in logs or
 * messages by accident: {@link #toString()} hides it, and only {@link #reveal()} gives it out, at
 * the one place that sends it.
 */
public final class Secret {
  private final String value;

  public Secret(String value) {
    this.value = value;
  }

  /** The value itself, for the call that needs it (an HTTP header, an SMTP login). */
  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "Secret[hidden]";
  }
}
