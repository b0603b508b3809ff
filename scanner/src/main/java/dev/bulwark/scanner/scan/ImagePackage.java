package dev.bulwark.scanner.scan;

import dev.bulwark.scanner.analyzer.Package;
import java.util.Objects;

/**
 * A package of a scanned image and the layer it comes from.
 *
 * @param found the package, operating system packages attributed to the image's distribution
 * @param layer the digest of the layer that wrote the file the package was found in ({@link
 *     ScannedLayer#digest()})
 */
public record ImagePackage(Package found, String layer) {
  public ImagePackage {
    Objects.requireNonNull(found, "found");
    Objects.requireNonNull(layer, "layer");
  }
}
