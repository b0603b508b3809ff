package dev.bulwark.scanner.sbom;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One entry of an SBOM as the readers give it, in CycloneDX's vocabulary whatever the format.
 *
 * @param pointer where the entry is in the document: its bom-ref or SPDXID, else a path to it (a
 *     JSON pointer such as {@code /components/3}, an element path, a line)
 * @param type the CycloneDX component type ({@code library}, {@code operating-system}, {@code
 *     container}...), SPDX package purposes mapped to it; empty when the document gives none
 * @param name the name, or null
 * @param version the version, or null
 * @param purl the Package URL as written, or null
 * @param description the description, or null
 * @param properties the properties bulwark's own writers emit ({@link
 *     SbomConventions#SOURCE_NAME_PROPERTY}, {@link SbomConventions#SOURCE_VERSION_PROPERTY}), by
 *     name; other properties are not kept
 */
record SbomComponent(
    String pointer,
    String type,
    @Nullable String name,
    @Nullable String version,
    @Nullable String purl,
    @Nullable String description,
    Map<String, String> properties) {
  SbomComponent {
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(type, "type");
    properties = Map.copyOf(properties);
  }

  /** Whether the property is one the readers keep. */
  static boolean kept(@Nullable String property) {
    return SbomConventions.SOURCE_NAME_PROPERTY.equals(property)
        || SbomConventions.SOURCE_VERSION_PROPERTY.equals(property);
  }

  /** Collects the fields of one entry while a reader walks it. Not thread-safe. */
  static final class Builder {
    private final String fallbackPointer;
    private @Nullable String reference;
    private String type = "";
    private @Nullable String name;
    private @Nullable String version;
    private @Nullable String purl;
    private @Nullable String description;
    private final Map<String, String> properties = new LinkedHashMap<>();

    /**
     * @param fallbackPointer the pointer used when the entry has no reference (bom-ref, SPDXID)
     */
    Builder(String fallbackPointer) {
      this.fallbackPointer = fallbackPointer;
    }

    Builder reference(@Nullable String value) {
      reference = blankToNull(value);
      return this;
    }

    Builder type(@Nullable String value) {
      type = value == null ? "" : value.strip();
      return this;
    }

    Builder name(@Nullable String value) {
      name = blankToNull(value);
      return this;
    }

    Builder version(@Nullable String value) {
      version = blankToNull(value);
      return this;
    }

    /** Sets the Package URL unless one was set already: the first one given wins. */
    Builder purl(@Nullable String value) {
      if (purl == null) {
        purl = blankToNull(value);
      }
      return this;
    }

    Builder description(@Nullable String value) {
      description = blankToNull(value);
      return this;
    }

    /** Keeps the property when it is one of bulwark's; ignores others. */
    Builder property(@Nullable String propertyName, @Nullable String value) {
      String text = blankToNull(value);
      if (propertyName != null && text != null && kept(propertyName)) {
        properties.put(propertyName, text);
      }
      return this;
    }

    SbomComponent build() {
      return new SbomComponent(
          reference == null ? fallbackPointer : reference,
          type,
          name,
          version,
          purl,
          description,
          properties);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
      return value == null || value.isBlank() ? null : value.strip();
    }
  }
}
