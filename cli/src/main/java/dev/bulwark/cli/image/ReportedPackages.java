package dev.bulwark.cli.image;

import dev.bulwark.scanner.analyzer.Package;
import dev.bulwark.scanner.scan.ImagePackage;
import dev.bulwark.scanner.scan.ImageScan;
import dev.bulwark.scanner.vuln.ImageFinding;
import dev.bulwark.vulndb.match.VulnerabilityMatch;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The packages of a scan in report order ({@link ScanOrder}), each with its position, and the
 * package each vulnerability finding is about, so that documents can link findings to the entries
 * they write for packages (CycloneDX bom-refs, SPDX ids). Immutable.
 */
final class ReportedPackages {
  private final List<ImagePackage> packages;
  private final Map<Key, Integer> positions = new HashMap<>();

  private ReportedPackages(List<ImagePackage> packages) {
    this.packages = packages;
    for (int index = 0; index < packages.size(); index++) {
      Package item = packages.get(index).found();
      // Identical packages at the same place are one entry to link to: keep the first.
      positions.putIfAbsent(
          new Key(packages.get(index).layer(), item.path(), item.name(), item.version()), index);
    }
  }

  /** The scan's packages in report order. */
  static ReportedPackages of(ImageScan scan) {
    return new ReportedPackages(ScanOrder.sorted(scan.packages()));
  }

  /** The packages in report order. */
  List<ImagePackage> packages() {
    return packages;
  }

  /**
   * The position in {@link #packages()} of the package a finding is about: findings carry the
   * package's layer, path, name and installed version as matched.
   *
   * @throws IllegalArgumentException when the finding is about no package of the scan
   */
  int positionOf(ImageFinding finding) {
    VulnerabilityMatch match = finding.match();
    Integer position =
        positions.get(
            new Key(
                finding.layer(), finding.path(), match.packageName(), match.installedVersion()));
    if (position == null) {
      throw new IllegalArgumentException(
          "the finding " + match.id() + " is about a package the scan does not list");
    }
    return position;
  }

  private record Key(String layer, String path, String name, String version) {}
}
