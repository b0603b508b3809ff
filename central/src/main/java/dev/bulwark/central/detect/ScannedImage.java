package dev.bulwark.central.detect;

import dev.bulwark.scanner.scan.ImageScan;
import dev.bulwark.scanner.vuln.ImageVulnerabilities;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * One image central pulled and scanned for a build check.
 *
 * @param scan what the scan found
 * @param vulnerabilities its packages matched against central's database; null when central has
 *     none
 * @param database the database matched against; null exactly when {@code vulnerabilities} is
 */
public record ScannedImage(
    ImageScan scan, @Nullable ImageVulnerabilities vulnerabilities, @Nullable Path database) {
  public ScannedImage {
    if ((vulnerabilities == null) != (database == null)) {
      throw new IllegalArgumentException("vulnerabilities come with the database they are from");
    }
  }
}
