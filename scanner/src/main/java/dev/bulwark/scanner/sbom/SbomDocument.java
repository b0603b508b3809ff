package dev.bulwark.scanner.sbom;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a reader took from an SBOM.
 *
 * @param format the format and version for messages, such as {@code CycloneDX 1.6 JSON}
 * @param subject what the document describes (CycloneDX metadata component, the SPDX package the
 *     document describes), or null
 * @param components every component (SPDX package) in document order, parents before the components
 *     nested in them; the subject is listed here too when it is one of them
 */
record SbomDocument(
    String format, @Nullable SbomComponent subject, List<SbomComponent> components) {
  SbomDocument {
    Objects.requireNonNull(format, "format");
    components = List.copyOf(components);
  }
}
