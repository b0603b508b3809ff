package dev.bulwark.cli.image;

import dev.bulwark.scanner.analyzer.OsRelease;
import dev.bulwark.scanner.scan.ImagePackage;
import dev.bulwark.scanner.scan.ImageScan;
import dev.bulwark.scanner.vuln.ImageFinding;
import dev.bulwark.vulndb.match.VulnerabilityMatch;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/** Writes an image scan as a table for people: a summary line, then the packages sorted. */
final class ImageScanTable {
  private static final List<String> HEADER = List.of("NAME", "VERSION", "ECOSYSTEM", "PATH");
  private static final List<String> VULNERABILITY_HEADER =
      List.of("ID", "SEVERITY", "PACKAGE", "INSTALLED", "FIXED", "PATH");

  private ImageScanTable() {}

  static void write(ImageScan scan, VulnerabilityReport vulnerabilities, Writer out)
      throws IOException {
    out.write(summary(scan) + "\n");
    List<ImagePackage> packages = ScanOrder.sorted(scan.packages());
    if (!packages.isEmpty()) {
      writePackages(packages, out);
    }
    if (vulnerabilities.database() != null) {
      writeVulnerabilities(vulnerabilities.shown(), out);
    }
    int notes = scan.notes().size() + vulnerabilities.notes().size();
    if (notes > 0) {
      out.write("\n" + notes + " note(s); -o json lists them\n");
    }
  }

  private static void writePackages(List<ImagePackage> packages, Writer out) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    for (ImagePackage found : packages) {
      rows.add(
          List.of(
              found.found().name(),
              found.found().version(),
              found.found().ecosystem().osvName(),
              found.found().path()));
    }
    writeRows(rows, out);
  }

  private static void writeVulnerabilities(List<ImageFinding> findings, Writer out)
      throws IOException {
    out.write(
        "\n"
            + findings.size()
            + (findings.size() == 1 ? " vulnerability" : " vulnerabilities")
            + "\n");
    if (findings.isEmpty()) {
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(VULNERABILITY_HEADER);
    for (ImageFinding finding : findings) {
      VulnerabilityMatch match = finding.match();
      String fixed = match.fixedVersion();
      rows.add(
          List.of(
              match.id(),
              match.severity().name(),
              match.packageName(),
              match.installedVersion(),
              fixed == null ? "-" : fixed,
              finding.path()));
    }
    writeRows(rows, out);
  }

  private static void writeRows(List<List<String>> rows, Writer out) throws IOException {
    int[] widths = new int[rows.getFirst().size()];
    for (List<String> row : rows) {
      for (int column = 0; column < widths.length; column++) {
        widths[column] = Math.max(widths[column], row.get(column).length());
      }
    }
    out.write("\n");
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int column = 0; column < widths.length; column++) {
        String cell = row.get(column);
        line.append(cell);
        if (column < widths.length - 1) {
          line.append(" ".repeat(widths[column] - cell.length() + 2));
        }
      }
      out.write(line.toString().stripTrailing() + "\n");
    }
  }

  static String summary(ImageScan scan) {
    OsRelease os = scan.os();
    String system =
        os == null
            ? "no known operating system"
            : os.prettyName() != null
                ? os.prettyName()
                : os.id() + (os.versionId() == null ? "" : " " + os.versionId());
    return scan.reference()
        + ": "
        + system
        + ", "
        + scan.packages().size()
        + (scan.packages().size() == 1 ? " package" : " packages")
        + layers(scan);
  }

  // A scan read from an SBOM has no layers to count.
  private static String layers(ImageScan scan) {
    int count = scan.layers().size();
    if (count == 0) {
      return scan.packages().isEmpty() ? "" : " listed in the SBOM";
    }
    return " in " + count + (count == 1 ? " layer" : " layers");
  }
}
