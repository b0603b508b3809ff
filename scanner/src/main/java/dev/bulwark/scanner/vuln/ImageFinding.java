package dev.bulwark.scanner.vuln;

import dev.bulwark.vulndb.match.VulnerabilityMatch;
import java.util.Objects;

/**
 * A vulnerability of a package of a scanned image, with where the package was found.
 *
 * @param match the vulnerability and the installed package as matched
 * @param layer the digest of the layer that wrote the package's file
 * @param path the file the package was found in ({@code !/} inside archives)
 */
public record ImageFinding(VulnerabilityMatch match, String layer, String path) {
  public ImageFinding {
    Objects.requireNonNull(match, "match");
    Objects.requireNonNull(layer, "layer");
    Objects.requireNonNull(path, "path");
  }
}
