package dev.bulwark.cli.image;

import dev.bulwark.scanner.scan.ImagePackage;
import java.util.Comparator;
import java.util.List;

/**
 * The order every image output lists packages in: by name, version, ecosystem and path, so that the
 * output of one image is stable and outputs compare well.
 */
public final class ScanOrder {
  private static final Comparator<ImagePackage> ORDER =
      Comparator.<ImagePackage, String>comparing(found -> found.found().name())
          .thenComparing(found -> found.found().version())
          .thenComparing(found -> found.found().ecosystem().osvName())
          .thenComparing(found -> found.found().path());

  private ScanOrder() {}

  /** The packages sorted. */
  public static List<ImagePackage> sorted(List<ImagePackage> packages) {
    return packages.stream().sorted(ORDER).toList();
  }
}
