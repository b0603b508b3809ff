package dev.bulwark.cli.image;

import dev.bulwark.scanner.scan.ImagePackage;
import java.util.Comparator;
import java.util.List;

/** The order packages are shown in: by name, version, ecosystem and path, so output is stable. */
final class ScanOrder {
  private static final Comparator<ImagePackage> ORDER =
      Comparator.<ImagePackage, String>comparing(found -> found.found().name())
          .thenComparing(found -> found.found().version())
          .thenComparing(found -> found.found().ecosystem().osvName())
          .thenComparing(found -> found.found().path());

  private ScanOrder() {}

  static List<ImagePackage> sorted(List<ImagePackage> packages) {
    return packages.stream().sorted(ORDER).toList();
  }
}
