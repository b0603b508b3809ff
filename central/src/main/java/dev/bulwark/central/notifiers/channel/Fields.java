package dev.bulwark.central.notifiers.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.central.api.FieldError;
import dev.bulwark.policy.model.Severity;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Validates a notifier's settings and secrets against its type's {@link Field}s: unknown fields,
 * missing required ones and values of the wrong kind, each reported with its JSON pointer ({@code
 * /settings/url}, {@code /secrets/apiToken}).
 */
public final class Fields {
  private static final int MAX_TEXT = 1000;
  private static final int MAX_PEM = 65_536;
  private static final Pattern EMAIL =
      Pattern.compile("[^\\s@<>()\",;:]+@[A-Za-z0-9.-]+\\.[A-Za-z0-9-]+");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\[\\]-]{1,253}");
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final Set<String> RESERVED_HEADERS =
      Set.of(
          "authorization",
          "content-type",
          "content-length",
          "host",
          "connection",
          "expect",
          "upgrade",
          "user-agent");

  private Fields() {}

  /**
   * The problems of {@code settings} and {@code secrets} for {@code type}.
   *
   * @param keptSecrets secrets already stored that the request may omit (a PUT keeps them)
   */
  public static List<FieldError> validate(
      NotifierType type,
      ObjectNode settings,
      Map<String, String> secrets,
      Set<String> keptSecrets) {
    List<FieldError> errors = new ArrayList<>();
    Map<String, Field> byName =
        type.fields().stream().collect(Collectors.toMap(Field::name, field -> field));
    settings
        .fieldNames()
        .forEachRemaining(name -> {
          Field field = byName.get(name);
          if (field == null || field.secret()) {
            errors.add(
                new FieldError(
                    "/settings/" + name,
                    field == null
                        ? "unknown setting for "
                            + type.wireName()
                            + "; the settings are "
                            + names(type, false)
                        : "is a secret: send it in secrets, not in settings"));
          }
        });
    for (Map.Entry<String, String> secret : secrets.entrySet()) {
      String name = secret.getKey();
      Field field = byName.get(name);
      if (secret.getValue() == null) {
        // JSON null in a body: a secret is replaced by a value or kept by leaving it out
        errors.add(
            new FieldError(
                "/secrets/" + name, "must be a string; leave a secret out to keep its value"));
      } else if (field == null || !field.secret()) {
        errors.add(
            new FieldError(
                "/secrets/" + name,
                "unknown secret for "
                    + type.wireName()
                    + "; the secrets are "
                    + names(type, true)));
      }
    }
    for (Field field : type.fields()) {
      String pointer = (field.secret() ? "/secrets/" : "/settings/") + field.name();
      JsonNode value =
          field.secret()
              ? (secrets.containsKey(field.name())
                  ? settings.textNode(secrets.get(field.name()))
                  : null)
              : settings.get(field.name());
      if (value == null || value.isNull()) {
        if (field.required() && !(field.secret() && keptSecrets.contains(field.name()))) {
          errors.add(new FieldError(pointer, "is required for " + type.wireName()));
        }
        continue;
      }
      String problem = problem(field, value);
      if (problem != null) {
        errors.add(new FieldError(pointer, problem));
      }
    }
    return errors;
  }

  /** Whether {@code text} looks like a single email address (no display name). */
  public static boolean isEmail(String text) {
    return text.length() <= 254 && EMAIL.matcher(text).matches();
  }

  /** What is wrong with a value of the kind, or null. */
  public static @Nullable String problem(Field field, JsonNode value) {
    return switch (field.kind()) {
      case PORT ->
          value.isInt() && value.asInt() >= 1 && value.asInt() <= 65_535
              ? null
              : "must be a port number from 1 to 65535";
      case HEADERS -> headers(value);
      case PRIORITIES -> priorities(value);
      default -> {
        if (!value.isTextual()) {
          yield "must be a string";
        }
        yield text(field, value.asText());
      }
    };
  }

  private static @Nullable String text(Field field, String text) {
    if (field.kind() == FieldKind.PEM) {
      return pem(text);
    }
    if (text.isEmpty() || text.length() > MAX_TEXT) {
      return "must have 1 to " + MAX_TEXT + " characters";
    }
    if (text.chars().anyMatch(Character::isISOControl)) {
      return "must not contain control characters";
    }
    return switch (field.kind()) {
      case HTTPS_URL -> httpsUrl(text);
      case EMAIL -> isEmail(text) ? null : "must be an email address such as alerts@example.com";
      case HOST -> HOST.matcher(text).matches() ? null : "must be a host name or IP address";
      case CHOICE ->
          field.choices().contains(text)
              ? null
              : "must be one of " + String.join(", ", field.choices());
      default -> null;
    };
  }

  /** The reason {@code text} is not an absolute https URL with a host, or null. */
  public static @Nullable String httpsUrl(String text) {
    try {
      URI uri = new URI(text);
      if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
        return "must be an https URL with a host, e.g. https://hooks.example.com/...";
      }
      if (uri.getRawUserInfo() != null) {
        return "must not hold credentials; use the secrets";
      }
      return null;
    } catch (URISyntaxException e) {
      return "must be an https URL: " + e.getReason();
    }
  }

  private static @Nullable String pem(String text) {
    if (text.length() > MAX_PEM) {
      return "must be at most " + MAX_PEM + " characters of PEM";
    }
    try {
      return TrustedCertificates.parse(text).isEmpty()
          ? "must hold at least one PEM certificate"
          : null;
    } catch (CertificateException e) {
      return "must be PEM certificates: " + e.getMessage();
    }
  }

  private static @Nullable String headers(JsonNode value) {
    if (!value.isObject()) {
      return "must be an object of header names to values";
    }
    for (Map.Entry<String, JsonNode> header : value.properties()) {
      String name = header.getKey();
      if (!HEADER_NAME.matcher(name).matches()) {
        return "'" + name + "' is not a header name";
      }
      if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        return "'" + name + "' is set by Bulwark (use username and password for authentication)";
      }
      if (!header.getValue().isTextual()
          || !header.getValue().asText().chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
        return "the value of '" + name + "' must be a string of printable ASCII characters";
      }
    }
    return null;
  }

  private static @Nullable String priorities(JsonNode value) {
    if (!value.isObject()) {
      return "must be an object of severities to priority names";
    }
    List<String> severities = Arrays.stream(Severity.values()).map(Enum::name).toList();
    for (Map.Entry<String, JsonNode> entry : value.properties()) {
      if (!severities.contains(entry.getKey())) {
        return "'" + entry.getKey() + "' is no severity; use " + String.join(", ", severities);
      }
      if (!entry.getValue().isTextual() || entry.getValue().asText().isBlank()) {
        return "the priority of " + entry.getKey() + " must be a non-empty string";
      }
    }
    return null;
  }

  private static String names(NotifierType type, boolean secret) {
    List<String> names =
        type.fields().stream().filter(field -> field.secret() == secret).map(Field::name).toList();
    return names.isEmpty() ? "(none)" : String.join(", ", names);
  }
}
