package dev.bulwark.central.notifiers.channel;

import static dev.bulwark.central.notifiers.channel.Field.choice;
import static dev.bulwark.central.notifiers.channel.Field.optional;
import static dev.bulwark.central.notifiers.channel.Field.required;
import static dev.bulwark.central.notifiers.channel.Field.secret;
import static dev.bulwark.central.notifiers.channel.Field.secretUrl;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Every notifier type, with its settings and the field an annotation may override (the target). The
 * list is the registry: a type is added here and in {@link Channels}.
 */
public enum NotifierType {
  SLACK(
      "webhookUrl",
      secretUrl("webhookUrl", "The incoming webhook's URL (it holds Slack's token)."),
      optional("caCertificate", FieldKind.PEM, "CAs to trust instead of the JDK's (PEM).")),
  TEAMS(
      "webhookUrl",
      secretUrl("webhookUrl", "The Teams incoming webhook's or workflow's URL."),
      optional("caCertificate", FieldKind.PEM, "CAs to trust instead of the JDK's (PEM).")),
  JIRA(
      "project",
      required(
          "url", FieldKind.HTTPS_URL, "The Jira base URL, e.g. https://example.atlassian.net."),
      required("project", FieldKind.TEXT, "The project key issues are created in."),
      optional("issueType", FieldKind.TEXT, "The issue type's name; default Task."),
      required("username", FieldKind.TEXT, "The user (email on Jira Cloud) issues are created as."),
      secret("apiToken", true, "The user's API token (or password)."),
      optional(
          "priorities",
          FieldKind.PRIORITIES,
          "Priority names by severity; default CRITICAL Highest, HIGH High, MEDIUM Medium, LOW"
              + " Low."),
      optional(
          "resolveTransitionId",
          FieldKind.TEXT,
          "The transition applied to an alert's issue when the alert is resolved; none: issues"
              + " stay open."),
      optional("caCertificate", FieldKind.PEM, "CAs to trust instead of the JDK's (PEM).")),
  PAGERDUTY(
      null,
      secret("routingKey", true, "The integration's routing key (Events API v2)."),
      optional("url", FieldKind.HTTPS_URL, "The Events API; default https://events.pagerduty.com."),
      optional("caCertificate", FieldKind.PEM, "CAs to trust instead of the JDK's (PEM).")),
  // No target: an annotated URL would receive the basic authentication credentials.
  WEBHOOK(
      null,
      required("url", FieldKind.HTTPS_URL, "Where the alert event is POSTed."),
      optional("headers", FieldKind.HEADERS, "Extra request headers (not secret)."),
      optional("username", FieldKind.TEXT, "The basic authentication user."),
      secret("password", false, "The basic authentication password."),
      optional("caCertificate", FieldKind.PEM, "CAs to trust instead of the JDK's (PEM).")),
  EMAIL(
      "to",
      required("host", FieldKind.HOST, "The SMTP server (submission, with STARTTLS)."),
      optional("port", FieldKind.PORT, "Its port; default 587."),
      required("from", FieldKind.EMAIL, "The sender address."),
      required("to", FieldKind.EMAIL, "The recipient address."),
      optional("username", FieldKind.TEXT, "The SMTP user; none: no authentication."),
      secret("password", false, "The SMTP password."),
      optional("caCertificate", FieldKind.PEM, "CAs to trust instead of the JDK's (PEM).")),
  SPLUNK(
      null,
      required(
          "url", FieldKind.HTTPS_URL, "The HTTP Event Collector's base URL (port 8088 usually)."),
      secret("token", true, "The HEC token."),
      optional("index", FieldKind.TEXT, "The index; none: the token's default."),
      optional("sourcetype", FieldKind.TEXT, "The source type; default bulwark:alert."),
      optional("caCertificate", FieldKind.PEM, "CAs to trust instead of the JDK's (PEM).")),
  SYSLOG(
      null,
      required("host", FieldKind.HOST, "The syslog receiver."),
      optional("port", FieldKind.PORT, "Its port; default 514 (udp, tcp) or 6514 (tls)."),
      choice("protocol", SyslogChannel.PROTOCOLS, "udp (default), tcp or tls."),
      choice("facility", SyslogChannel.FACILITIES, "The facility; default local0."),
      optional("caCertificate", FieldKind.PEM, "CAs to trust for tls instead of the JDK's (PEM)."));

  private final @Nullable String targetField;
  private final List<Field> fields;

  NotifierType(@Nullable String targetField, Field... fields) {
    this.targetField = targetField;
    this.fields = List.of(fields);
    Set<String> names = new HashSet<>();
    for (Field field : this.fields) {
      if (!names.add(field.name())) {
        throw new IllegalStateException(name() + " declares " + field.name() + " twice");
      }
    }
    if (targetField != null && !names.contains(targetField)) {
      throw new IllegalStateException(name() + ": the target " + targetField + " is no field");
    }
  }

  /** The name in the API: {@code slack}, {@code pagerduty}, ... */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The type with this API name. */
  public static Optional<NotifierType> fromWireName(String name) {
    return Arrays.stream(values()).filter(type -> type.wireName().equals(name)).findFirst();
  }

  /** The field an annotation may override; null when the type has none. */
  public @Nullable String targetField() {
    return targetField;
  }

  public List<Field> fields() {
    return fields;
  }

  /** The names of the secret fields. */
  public List<String> secretNames() {
    return fields.stream().filter(Field::secret).map(Field::name).toList();
  }
}
