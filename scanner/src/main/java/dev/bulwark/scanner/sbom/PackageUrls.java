package dev.bulwark.scanner.sbom;

import dev.bulwark.scanner.analyzer.MalformedContentException;
import dev.bulwark.scanner.analyzer.PackageUrl;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Parses Package URL strings as the purl specification's parsing steps describe: scheme, then from
 * the right the subpath (dropped: packages are not identified by it), the qualifiers and the
 * version, then the type from the left, the name and the namespace. Components are percent-decoded;
 * {@link PackageUrl#toString()} encodes them again. Stateless and thread-safe.
 */
final class PackageUrls {
  private static final Pattern TYPE = Pattern.compile("[a-z.+-][a-z0-9.+-]*");
  private static final Pattern QUALIFIER_KEY = Pattern.compile("[a-z._-][a-z0-9._-]*");

  private PackageUrls() {}

  /**
   * The Package URL in {@code text}.
   *
   * @throws MalformedContentException saying what is wrong
   */
  static PackageUrl parse(String text) throws MalformedContentException {
    String rest = text.strip();
    if (!rest.regionMatches(true, 0, "pkg:", 0, 4)) {
      throw new MalformedContentException("not a Package URL (no pkg: scheme): " + text);
    }
    rest = stripSlashes(rest.substring(4));
    int hash = rest.lastIndexOf('#');
    if (hash >= 0) {
      rest = rest.substring(0, hash);
    }
    Map<String, String> qualifiers = Map.of();
    int question = rest.lastIndexOf('?');
    if (question >= 0) {
      qualifiers = qualifiers(rest.substring(question + 1), text);
      rest = rest.substring(0, question);
    }
    int slash = rest.indexOf('/');
    if (slash <= 0) {
      throw new MalformedContentException("Package URL without a type and a name: " + text);
    }
    String type = rest.substring(0, slash).toLowerCase(Locale.ROOT);
    if (!TYPE.matcher(type).matches()) {
      throw new MalformedContentException("Package URL with an invalid type: " + text);
    }
    rest = trailingSlashesStripped(rest.substring(slash + 1));
    String version = null;
    int at = rest.lastIndexOf('@');
    if (at >= 0) {
      version = decode(rest.substring(at + 1), text);
      rest = rest.substring(0, at);
    }
    int nameStart = rest.lastIndexOf('/') + 1;
    String name = decode(rest.substring(nameStart), text);
    if (name.isEmpty()) {
      throw new MalformedContentException("Package URL without a name: " + text);
    }
    return new PackageUrl(
        type,
        namespace(rest.substring(0, Math.max(0, nameStart - 1)), text),
        name,
        version == null || version.isEmpty() ? null : version,
        qualifiers);
  }

  private static @Nullable String namespace(String text, String purl)
      throws MalformedContentException {
    List<String> segments = new ArrayList<>();
    for (String segment : text.split("/", -1)) {
      if (!segment.isEmpty()) {
        segments.add(decode(segment, purl));
      }
    }
    return segments.isEmpty() ? null : String.join("/", segments);
  }

  private static Map<String, String> qualifiers(String text, String purl)
      throws MalformedContentException {
    Map<String, String> qualifiers = new TreeMap<>();
    for (String pair : text.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String key = (equals < 0 ? pair : pair.substring(0, equals)).toLowerCase(Locale.ROOT);
      if (equals < 0 || !QUALIFIER_KEY.matcher(key).matches()) {
        throw new MalformedContentException("Package URL with a malformed qualifier: " + purl);
      }
      if (qualifiers.put(key, decode(pair.substring(equals + 1), purl)) != null) {
        throw new MalformedContentException(
            "Package URL with the qualifier " + key + " twice: " + purl);
      }
    }
    return qualifiers;
  }

  private static String decode(String text, String purl) throws MalformedContentException {
    if (text.indexOf('%') < 0) {
      return text;
    }
    StringBuilder decoded = new StringBuilder(text.length());
    ByteArrayOutputStream escaped = new ByteArrayOutputStream();
    int index = 0;
    while (index < text.length()) {
      if (text.charAt(index) != '%') {
        decoded.append(text.charAt(index++));
        continue;
      }
      // A run of escapes is one UTF-8 sequence (or several): decode the bytes together.
      escaped.reset();
      while (index < text.length() && text.charAt(index) == '%') {
        int high = index + 2 < text.length() ? Character.digit(text.charAt(index + 1), 16) : -1;
        int low = high < 0 ? -1 : Character.digit(text.charAt(index + 2), 16);
        if (low < 0) {
          throw new MalformedContentException("Package URL with a malformed %-escape: " + purl);
        }
        escaped.write(high * 16 + low);
        index += 3;
      }
      decoded.append(escaped.toString(StandardCharsets.UTF_8));
    }
    return decoded.toString();
  }

  private static String stripSlashes(String text) {
    int start = 0;
    while (start < text.length() && text.charAt(start) == '/') {
      start++;
    }
    return text.substring(start);
  }

  private static String trailingSlashesStripped(String text) {
    int end = text.length();
    while (end > 0 && text.charAt(end - 1) == '/') {
      end--;
    }
    return text.substring(0, end);
  }
}
