package dev.bulwark.central.testing;

import dev.bulwark.central.server.ImageScanSettings;
import dev.bulwark.testsupport.image.TestImage;
import dev.bulwark.vulndb.store.ArchiveLimits;
import dev.bulwark.vulndb.store.StoreException;
import dev.bulwark.vulndb.store.StoreImporter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * A Debian 12 image whose one vulnerable package is ansible-core 2.16.1 (PYSEC-2024-36, fixed in
 * 2.16.3), and a vulnerability database imported from the conformance OSV records that knows it:
 * what tests of central's scans push to a real registry and match against.
 */
public final class VulnerableImage {
  private VulnerableImage() {}

  /** The image, to push once labelled or written. */
  public static TestImage builder() {
    return TestImage.builder()
        .layer(
            TestImage.layer()
                .file("etc/os-release", TestImage.DEBIAN_12_OS_RELEASE)
                .file(
                    "usr/lib/python3/dist-packages/ansible_core-2.16.1.dist-info/METADATA",
                    "Metadata-Version: 2.1\nName: ansible-core\nVersion: 2.16.1\n\n"));
  }

  /** Imports the ansible-core OSV records into a database at {@code database}; returns it. */
  public static Path database(Path database) throws StoreException {
    Path records = Conformance.path("osv-pypi-pypa/json/ansible-core");
    new StoreImporter(
            database, ArchiveLimits.DEFAULT, StoreImporter.DEFAULT_LOCK_TIMEOUT, Clock.systemUTC())
        .importSources(List.of(new StoreImporter.ImportSource(records, records.toString())));
    return database;
  }

  /**
   * Settings for central to scan its inventory's images from the registry {@code image} was pushed
   * to (plain HTTP) against {@code database}, with layers cached in {@code layers}.
   */
  public static ImageScanSettings inventoryScans(Path database, String image, Path layers) {
    return new ImageScanSettings(
        database,
        List.of(image.substring(0, image.indexOf('/'))),
        layers,
        ImageScanSettings.DEFAULT_CONCURRENCY,
        ImageScanSettings.DEFAULT_DEADLINE,
        true,
        ImageScanSettings.DEFAULT_RESCAN_INTERVAL);
  }
}
