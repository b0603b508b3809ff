package dev.bulwark.scanner.analyzer;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A Package URL ({@code pkg:type/namespace/name@version?qualifiers}). Immutable and thread-safe.
 * {@link #toString()} gives the canonical form: qualifiers sorted by key, empty qualifier values
 * left out, and every character other than ASCII letters, digits, {@code .-_~} and {@code :}
 * percent-encoded, per segment of the namespace.
 *
 * @param type the lower-case type, for example {@code deb}
 * @param namespace the namespace segments joined by {@code /}, or {@code null} when the type has
 *     none
 * @param name the name, as the type's rules normalise it
 * @param version the version, or {@code null} when unknown
 * @param qualifiers the qualifiers; sorted and copied
 */
public record PackageUrl(
    String type,
    @Nullable String namespace,
    String name,
    @Nullable String version,
    Map<String, String> qualifiers) {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  public PackageUrl {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
    TreeMap<String, String> sorted = new TreeMap<>();
    qualifiers.forEach((key, value) -> {
      if (!value.isEmpty()) {
        sorted.put(key, value);
      }
    });
    qualifiers = Collections.unmodifiableSortedMap(sorted);
  }

  /** A Package URL without qualifiers. */
  public static PackageUrl of(
      String type, @Nullable String namespace, String name, @Nullable String version) {
    return new PackageUrl(type, namespace, name, version, Map.of());
  }

  /** This Package URL with one qualifier set (or removed, when the value is empty). */
  public PackageUrl withQualifier(String key, String value) {
    TreeMap<String, String> changed = new TreeMap<>(qualifiers);
    changed.put(key, value);
    return new PackageUrl(type, namespace, name, version, changed);
  }

  /** This Package URL with another namespace. */
  public PackageUrl withNamespace(String changedNamespace) {
    return new PackageUrl(type, changedNamespace, name, version, qualifiers);
  }

  @Override
  public String toString() {
    StringBuilder purl = new StringBuilder("pkg:").append(type).append('/');
    if (namespace != null && !namespace.isEmpty()) {
      for (String segment : namespace.split("/", -1)) {
        if (!segment.isEmpty()) {
          purl.append(encode(segment)).append('/');
        }
      }
    }
    purl.append(encode(name));
    if (version != null && !version.isEmpty()) {
      purl.append('@').append(encode(version));
    }
    char separator = '?';
    for (Map.Entry<String, String> qualifier : qualifiers.entrySet()) {
      purl.append(separator).append(qualifier.getKey()).append('=');
      purl.append(encode(qualifier.getValue()));
      separator = '&';
    }
    return purl.toString();
  }

  private static String encode(String text) {
    StringBuilder encoded = new StringBuilder(text.length());
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '.'
          || c == '-'
          || c == '_'
          || c == '~'
          || c == ':') {
        encoded.append((char) c);
      } else {
        encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return encoded.toString();
  }
}
