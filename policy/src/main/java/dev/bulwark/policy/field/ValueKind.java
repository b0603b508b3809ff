package dev.bulwark.policy.field;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.bulwark.policy.model.EventSource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The shape of the values a policy criterion accepts, with StackRox's acceptance rules (its
 * per-field value validators) plus a compile check for every part that is matched as an RE2 regular
 * expression, because StackRox rejects those when it compiles the policy.
 *
 * <p>Stateless and thread-safe.
 */
public enum ValueKind {
  /** {@code true} or {@code false}, any case. */
  BOOLEAN,
  /** Any text with at least one non-space character, matched as a plain string. */
  TEXT,
  /** A non-blank RE2 regular expression. */
  REGEX,
  /** A whole number of days. */
  INTEGER,
  /** An optional comparator ({@code <, >, <=, >=}) followed by a decimal number. */
  COMPARATOR_DECIMAL,
  /** {@code key=value}, both sides RE2 regular expressions; the key must not be empty. */
  KEY_VALUE,
  /** Non-blank; when it has an {@code =}, the key and value are RE2 regular expressions. */
  ANNOTATION,
  /** {@code SOURCE=name=value}: optional value source, then name and value regexes. */
  ENVIRONMENT_VARIABLE,
  /** {@code INSTRUCTION=regex}: an optional Dockerfile instruction, then a value regex. */
  DOCKERFILE_LINE,
  /** A Linux capability name without the {@code CAP_} prefix; {@code ALL} is not accepted. */
  ADD_CAPABILITY,
  /** A Linux capability name without the {@code CAP_} prefix, or {@code ALL}. */
  DROP_CAPABILITY,
  /** A service account permission level. */
  RBAC_LEVEL,
  /** How a port is exposed. */
  PORT_EXPOSURE,
  /** A volume mount propagation mode. */
  MOUNT_PROPAGATION,
  /** A seccomp profile type. */
  SECCOMP_PROFILE,
  /** An operation on a monitored file. */
  FILE_OPERATION,
  /** A verb of an audited Kubernetes API request. */
  KUBERNETES_API_VERB,
  /** A Kubernetes resource; the accepted set depends on the policy's event source. */
  KUBERNETES_RESOURCE,
  /** An optional comparator followed by an image vulnerability severity. */
  VULNERABILITY_SEVERITY,
  /** The id of a signature integration. */
  SIGNATURE_INTEGRATION,
  /** A Kubernetes user or group name. */
  KUBERNETES_NAME,
  /** An IPv4 or IPv6 address. */
  IP_ADDRESS,
  /** An absolute file path, globs allowed, without {@code ..} segments. */
  FILE_PATH;

  private static final Set<String> CAPABILITIES =
      Set.of(
          "AUDIT_CONTROL",
          "AUDIT_READ",
          "AUDIT_WRITE",
          "BLOCK_SUSPEND",
          "CHOWN",
          "DAC_OVERRIDE",
          "DAC_READ_SEARCH",
          "FOWNER",
          "FSETID",
          "IPC_LOCK",
          "IPC_OWNER",
          "KILL",
          "LEASE",
          "LINUX_IMMUTABLE",
          "MAC_ADMIN",
          "MAC_OVERRIDE",
          "MKNOD",
          "NET_ADMIN",
          "NET_BIND_SERVICE",
          "NET_BROADCAST",
          "NET_RAW",
          "SETGID",
          "SETFCAP",
          "SETPCAP",
          "SETUID",
          "SYS_ADMIN",
          "SYS_BOOT",
          "SYS_CHROOT",
          "SYS_MODULE",
          "SYS_NICE",
          "SYS_PACCT",
          "SYS_PTRACE",
          "SYS_RAWIO",
          "SYS_RESOURCE",
          "SYS_TIME",
          "SYS_TTY_CONFIG",
          "SYSLOG",
          "WAKE_ALARM");

  private static final List<String> ENVIRONMENT_SOURCES =
      List.of("UNSET", "RAW", "SECRET_KEY", "CONFIG_MAP_KEY", "FIELD", "RESOURCE_FIELD", "UNKNOWN");
  private static final List<String> DOCKERFILE_INSTRUCTIONS =
      List.of(
          "ADD",
          "ARG",
          "CMD",
          "COPY",
          "ENTRYPOINT",
          "ENV",
          "EXPOSE",
          "FROM",
          "LABEL",
          "MAINTAINER",
          "ONBUILD",
          "RUN",
          "STOPSIGNAL",
          "USER",
          "VOLUME",
          "WORKDIR");
  private static final List<String> RBAC_LEVELS =
      List.of("DEFAULT", "ELEVATED_IN_NAMESPACE", "ELEVATED_CLUSTER_WIDE", "CLUSTER_ADMIN");
  private static final List<String> PORT_EXPOSURES =
      List.of("UNSET", "EXTERNAL", "NODE", "HOST", "INTERNAL", "ROUTE");
  private static final List<String> MOUNT_PROPAGATIONS =
      List.of("NONE", "HOSTTOCONTAINER", "BIDIRECTIONAL");
  private static final List<String> SECCOMP_PROFILES =
      List.of("UNCONFINED", "RUNTIME_DEFAULT", "LOCALHOST");
  private static final List<String> FILE_OPERATIONS =
      List.of(
          "OPEN",
          "CREATE",
          "RENAME",
          "UNLINK",
          "OWNERSHIP_CHANGE",
          "PERMISSION_CHANGE",
          "XATTR_CHANGE");
  private static final List<String> API_VERBS =
      List.of("CREATE", "DELETE", "GET", "PATCH", "UPDATE");
  private static final List<String> AUDITED_RESOURCES =
      List.of(
          "SECRETS",
          "CONFIGMAPS",
          "CLUSTER_ROLES",
          "CLUSTER_ROLE_BINDINGS",
          "NETWORK_POLICIES",
          "SECURITY_CONTEXT_CONSTRAINTS",
          "EGRESS_FIREWALLS");
  private static final List<String> POD_ACTIONS =
      List.of("PODS_EXEC", "PODS_PORTFORWARD", "PODS_ATTACH");
  private static final List<String> SEVERITIES =
      List.of("UNKNOWN", "LOW", "MODERATE", "IMPORTANT", "CRITICAL");

  private static final Pattern COMPARATOR_DECIMAL_FORMAT =
      Pattern.compile("(<|>|<=|>=)?\\s*[0-9]*\\.?[0-9]+");
  private static final Pattern COMPARATOR_PREFIX = Pattern.compile("(<=|>=|<|>)?\\s*(.*)");
  private static final Pattern INTEGER_FORMAT = Pattern.compile("[0-9]+");
  private static final Pattern SIGNATURE_INTEGRATION_FORMAT =
      Pattern.compile(
          "io\\.stackrox\\.signatureintegration\\.[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}"
              + "-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern KUBERNETES_NAME_FORMAT =
      Pattern.compile("(?i)[a-z0-9]([-:a-z0-9]*[a-z0-9])?");
  private static final Pattern IPV4_FORMAT = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6_FORMAT =
      Pattern.compile(
          "[0-9A-Fa-f]{1,4}(:[0-9A-Fa-f]{1,4})*::[0-9A-Fa-f]{1,4}(:[0-9A-Fa-f]{1,4})*"
              + "|[0-9A-Fa-f]{1,4}(:[0-9A-Fa-f]{1,4}){7}");

  /**
   * Checks one value.
   *
   * @param eventSource the policy's event source; only {@link #KUBERNETES_RESOURCE} depends on it
   * @return why the value is not accepted, or empty when it is
   */
  public Optional<String> check(String value, EventSource eventSource) {
    return switch (this) {
      case BOOLEAN -> oneOf(value, List.of("true", "false"));
      case TEXT -> nonBlank(value);
      case REGEX -> nonBlank(value).or(() -> regex(value, "the value"));
      case INTEGER ->
          INTEGER_FORMAT.matches(value)
              ? Optional.empty()
              : Optional.of(quote(value) + " is not a whole number of days, such as 30");
      case COMPARATOR_DECIMAL -> comparatorDecimal(value);
      case KEY_VALUE -> keyValue(value);
      case ANNOTATION -> nonBlank(value).or(() -> annotation(value));
      case ENVIRONMENT_VARIABLE -> environmentVariable(value);
      case DOCKERFILE_LINE -> dockerfileLine(value);
      case ADD_CAPABILITY -> capability(value, false);
      case DROP_CAPABILITY -> capability(value, true);
      case RBAC_LEVEL -> oneOf(value, RBAC_LEVELS);
      case PORT_EXPOSURE -> oneOf(value, PORT_EXPOSURES);
      case MOUNT_PROPAGATION -> oneOf(value, MOUNT_PROPAGATIONS);
      case SECCOMP_PROFILE -> oneOf(value, SECCOMP_PROFILES);
      case FILE_OPERATION -> oneOf(value, FILE_OPERATIONS);
      case KUBERNETES_API_VERB -> oneOf(value, API_VERBS);
      case KUBERNETES_RESOURCE ->
          oneOf(
              value, eventSource == EventSource.AUDIT_LOG_EVENT ? AUDITED_RESOURCES : POD_ACTIONS);
      case VULNERABILITY_SEVERITY -> vulnerabilitySeverity(value);
      case SIGNATURE_INTEGRATION ->
          SIGNATURE_INTEGRATION_FORMAT.matches(value)
              ? Optional.empty()
              : Optional.of(
                  quote(value)
                      + " is not a signature integration id; write"
                      + " io.stackrox.signatureintegration.<uuid>");
      case KUBERNETES_NAME ->
          KUBERNETES_NAME_FORMAT.matches(value)
              ? Optional.empty()
              : Optional.of(
                  quote(value)
                      + " is not a Kubernetes user or group name (letters, digits, '-' and ':',"
                      + " starting and ending with a letter or digit)");
      case IP_ADDRESS ->
          IPV4_FORMAT.matches(value) || IPV6_FORMAT.matches(value)
              ? Optional.empty()
              : Optional.of(quote(value) + " is not an IPv4 or IPv6 address");
      case FILE_PATH -> filePath(value);
    };
  }

  private static Optional<String> nonBlank(String value) {
    return value.isBlank()
        ? Optional.of("the value is blank; write the text to match")
        : Optional.empty();
  }

  private static Optional<String> oneOf(String value, List<String> allowed) {
    String upper = value.toUpperCase(Locale.ROOT);
    for (String candidate : allowed) {
      if (candidate.toUpperCase(Locale.ROOT).equals(upper)) {
        return Optional.empty();
      }
    }
    return Optional.of(quote(value) + " is not accepted; use one of " + String.join(", ", allowed));
  }

  private static Optional<String> regex(String expression, String what) {
    try {
      Pattern.compile(expression);
      return Optional.empty();
    } catch (PatternSyntaxException e) {
      return Optional.of(
          what + " " + quote(expression) + " is not a valid RE2 regular expression: " + reason(e));
    }
  }

  private static String reason(PatternSyntaxException e) {
    return e.getDescription() + (e.getPattern().isEmpty() ? "" : " near " + quote(e.getPattern()));
  }

  private static Optional<String> comparatorDecimal(String value) {
    return COMPARATOR_DECIMAL_FORMAT.matches(value)
        ? Optional.empty()
        : Optional.of(
            quote(value)
                + " is not a number with an optional comparator; write for example 7, >= 7 or <"
                + " 0.5");
  }

  private static Optional<String> vulnerabilitySeverity(String value) {
    var matcher = COMPARATOR_PREFIX.matcher(value);
    if (matcher.matches()) {
      String severity = matcher.group(2);
      if (SEVERITIES.contains(severity.toUpperCase(Locale.ROOT))) {
        return Optional.empty();
      }
    }
    return Optional.of(
        quote(value)
            + " is not a vulnerability severity; write an optional comparator (<, >, <=, >=) and"
            + " one of "
            + String.join(", ", SEVERITIES));
  }

  private static Optional<String> keyValue(String value) {
    int equals = value.indexOf('=');
    if (equals <= 0) {
      return Optional.of(quote(value) + " is not key=value with a non-empty key");
    }
    return regex(value.substring(0, equals), "the key")
        .or(() -> regex(value.substring(equals + 1), "the value"));
  }

  private static Optional<String> annotation(String value) {
    int equals = value.indexOf('=');
    if (equals < 0) {
      return regex(value, "the key");
    }
    return regex(value.substring(0, equals), "the key")
        .or(() -> regex(value.substring(equals + 1), "the value"));
  }

  private static Optional<String> environmentVariable(String value) {
    String[] parts = value.split("=", 3);
    if (parts.length < 3 || !isEmptyOrOneOf(parts[0], ENVIRONMENT_SOURCES)) {
      return Optional.of(
          quote(value)
              + " is not SOURCE=name=value; SOURCE is empty or one of "
              + String.join(", ", ENVIRONMENT_SOURCES));
    }
    return regex(parts[1], "the variable name").or(() -> regex(parts[2], "the value"));
  }

  private static Optional<String> dockerfileLine(String value) {
    int equals = value.indexOf('=');
    if (equals < 0 || !isEmptyOrOneOf(value.substring(0, equals), DOCKERFILE_INSTRUCTIONS)) {
      return Optional.of(
          quote(value)
              + " is not INSTRUCTION=regex; INSTRUCTION is empty or one of "
              + String.join(", ", DOCKERFILE_INSTRUCTIONS));
    }
    return regex(value.substring(equals + 1), "the value");
  }

  private static boolean isEmptyOrOneOf(String value, List<String> allowed) {
    return value.isEmpty() || allowed.contains(value.toUpperCase(Locale.ROOT));
  }

  private static Optional<String> capability(String value, boolean allAllowed) {
    String upper = value.toUpperCase(Locale.ROOT);
    if (CAPABILITIES.contains(upper) || (allAllowed && upper.equals("ALL"))) {
      return Optional.empty();
    }
    if (upper.equals("ALL")) {
      return Optional.of("ALL cannot be added as a capability; name the capabilities to add");
    }
    if (upper.startsWith("CAP_")) {
      return Optional.of(
          quote(value) + " has a CAP_ prefix; write the name without it: " + value.substring(4));
    }
    return Optional.of(quote(value) + " is not a Linux capability name, such as NET_ADMIN");
  }

  private static Optional<String> filePath(String value) {
    if (!value.startsWith("/")) {
      return Optional.of(quote(value) + " is not an absolute path; start it with /");
    }
    for (String segment : value.split("/", -1)) {
      if (segment.equals("..")) {
        return Optional.of(quote(value) + " contains '..'; write the path without traversal");
      }
    }
    return balancedGlob(value)
        ? Optional.empty()
        : Optional.of(quote(value) + " has an unbalanced glob: check its [ ] and { } pairs");
  }

  private static boolean balancedGlob(String value) {
    boolean inClass = false;
    int braces = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\') {
        if (i + 1 == value.length()) {
          return false;
        }
        i++;
      } else if (inClass) {
        inClass = c != ']';
      } else if (c == '[') {
        inClass = true;
      } else if (c == '{') {
        braces++;
      } else if (c == '}' && --braces < 0) {
        return false;
      }
    }
    return !inClass && braces == 0;
  }

  private static String quote(String value) {
    return "\"" + value + "\"";
  }
}
