package dev.bulwark.cli;

import dev.bulwark.testsupport.image.TestImage;
import dev.bulwark.vulndb.store.ArchiveLimits;
import dev.bulwark.vulndb.store.StoreException;
import dev.bulwark.vulndb.store.StoreImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * A two-layer Debian 12 OCI layout and a vulnerability database with one record for each of three
 * of its packages:
 *
 * <ul>
 *   <li>{@code zlib1g 1:1.2.13.dfsg-1} (source {@code zlib}): TEST-ZLIB, Debian:12 source {@code
 *       zlib}, CVSS 3.1 9.8, fixed in {@code 1:1.3.dfsg-1};
 *   <li>{@code bash 5.2.15-2+b2} (source {@code bash 5.2.15-2}): TEST-BASH, unrated, fixed in
 *       {@code 5.2.15-2+b1}, between the source and the binary version, so only a scan that keeps
 *       the source version finds it;
 *   <li>{@code ansible-core 2.16.1} (PyPI, second layer): PyPA's PYSEC-2024-36, CVSS 3.1 5.5, fixed
 *       in 2.16.3.
 * </ul>
 *
 * @param reference the image, {@code oci:DIR:app}
 * @param database the database directory
 * @param cache the layer cache directory the scans share
 */
record VulnerableImage(String reference, Path database, Path cache) {
  static final String STATUS =
      """
      Package: zlib1g
      Status: install ok installed
      Architecture: amd64
      Source: zlib
      Version: 1:1.2.13.dfsg-1

      Package: bash
      Status: install ok installed
      Architecture: amd64
      Source: bash (5.2.15-2)
      Version: 5.2.15-2+b2

      Package: base-files
      Status: install ok installed
      Architecture: amd64
      Version: 12.4+deb12u5

      """;

  static VulnerableImage create(Path directory) throws IOException, StoreException {
    String reference =
        TestImage.builder()
            .layer(
                TestImage.layer()
                    .file("etc/os-release", TestImage.DEBIAN_12_OS_RELEASE)
                    .file("var/lib/dpkg/status", STATUS))
            .layer(
                TestImage.layer()
                    .file(
                        "usr/lib/python3/dist-packages/ansible_core-2.16.1.dist-info/METADATA",
                        "Metadata-Version: 2.1\nName: ansible-core\nVersion: 2.16.1\n\n"))
            .writeLayout(directory.resolve("layout"), "app");
    Path records = Files.createDirectories(directory.resolve("osv"));
    Files.writeString(
        records.resolve("TEST-ZLIB.json"),
        record(
            "TEST-ZLIB",
            "CVE-2099-1001",
            "zlib",
            "1:1.3.dfsg-1",
            "\"severity\": [{\"type\": \"CVSS_V3\","
                + " \"score\": \"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\"}],"));
    Files.writeString(
        records.resolve("TEST-BASH.json"),
        record("TEST-BASH", "CVE-2099-1002", "bash", "5.2.15-2+b1", ""));
    Path pypa = Conformance.path("osv-pypi-pypa/json/ansible-core");
    Path database = directory.resolve("db");
    new StoreImporter(
            database, ArchiveLimits.DEFAULT, StoreImporter.DEFAULT_LOCK_TIMEOUT, Clock.systemUTC())
        .importSources(
            List.of(
                new StoreImporter.ImportSource(records, "test"),
                new StoreImporter.ImportSource(pypa, pypa.toString())));
    return new VulnerableImage(reference, database, directory.resolve("cache"));
  }

  /** {@code bulwark image scan} of the image with the database and the options. */
  CheckCommandTest.Run scan(String... options) {
    return scan(reference, database, options);
  }

  /** {@code bulwark image scan} of any reference with any database and the options. */
  CheckCommandTest.Run scan(String scanned, Path databaseDirectory, String... options) {
    List<String> args = new ArrayList<>(List.of("image", "scan", scanned));
    args.addAll(List.of(options));
    args.addAll(List.of("--cache-dir", cache.toString(), "--db", databaseDirectory.toString()));
    return CheckCommandTest.run(args.toArray(String[]::new));
  }

  /** {@code bulwark sbom} of the image in the format. */
  CheckCommandTest.Run sbom(String format) {
    return CheckCommandTest.run("sbom", reference, "-o", format, "--cache-dir", cache.toString());
  }

  private static String record(
      String id, String alias, String source, String fixed, String severity) {
    return """
    {"id": "%s", "modified": "2024-03-01T00:00:00Z", "published": "2024-02-01T00:00:00Z",
     "aliases": ["%s"], "summary": "Test record for %s", %s
     "affected": [{"package": {"ecosystem": "Debian:12", "name": "%s"},
       "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "%s"}]}]}]}
    """
        .formatted(id, alias, source, severity, source, fixed);
  }
}
