package dev.bulwark.scanner.image.registry;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code WWW-Authenticate} header: {@code Basic realm="..."} or {@code Bearer
 * realm="...",service="...",scope="..."}.
 *
 * @param scheme lower-case scheme, {@code basic} or {@code bearer}
 * @param parameters the header's parameters, names lower case
 */
record AuthChallenge(String scheme, Map<String, String> parameters) {
  private static final Pattern PARAMETER =
      Pattern.compile("([A-Za-z_]+)\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^,\\s]*))");

  AuthChallenge {
    parameters = Map.copyOf(parameters);
  }

  static AuthChallenge parse(String header) {
    String trimmed = header.strip();
    int space = trimmed.indexOf(' ');
    String scheme = (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(Locale.ROOT);
    Map<String, String> parameters = new LinkedHashMap<>();
    if (space >= 0) {
      Matcher matcher = PARAMETER.matcher(trimmed.substring(space + 1));
      while (matcher.find()) {
        String value = matcher.group(2) != null ? matcher.group(2) : matcher.group(3);
        parameters.put(
            matcher.group(1).toLowerCase(Locale.ROOT),
            value == null ? "" : value.replace("\\\"", "\""));
      }
    }
    return new AuthChallenge(scheme, parameters);
  }
}
