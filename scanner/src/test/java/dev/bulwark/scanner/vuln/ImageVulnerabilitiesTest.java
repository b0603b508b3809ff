package dev.bulwark.scanner.vuln;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.image.ImageData;
import dev.bulwark.core.image.ImageFields;
import dev.bulwark.core.image.ImageVulnerability;
import dev.bulwark.core.image.VulnerabilitySeverity;
import dev.bulwark.scanner.analyzer.Ecosystem;
import dev.bulwark.scanner.analyzer.OsRelease;
import dev.bulwark.scanner.analyzer.Package;
import dev.bulwark.scanner.analyzer.PackageUrl;
import dev.bulwark.scanner.image.ImageConfig;
import dev.bulwark.scanner.image.Platform;
import dev.bulwark.scanner.scan.ImagePackage;
import dev.bulwark.scanner.scan.ImageScan;
import dev.bulwark.scanner.scan.ScannedLayer;
import dev.bulwark.vulndb.match.MatchSeverity;
import dev.bulwark.vulndb.match.VulnerabilityMatch;
import dev.bulwark.vulndb.match.VulnerabilityMatcher;
import dev.bulwark.vulndb.store.ArchiveLimits;
import dev.bulwark.vulndb.store.StoreImporter;
import dev.bulwark.vulndb.store.VulnerabilityStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageVulnerabilitiesTest {
  private static final String LAYER = "sha256:" + "a".repeat(64);

  @TempDir Path directory;

  private static String record(String id, String ecosystem, String name, String fixed) {
    return """
    {"id": "%s", "modified": "2024-03-01T00:00:00Z", "published": "2024-02-01T00:00:00Z",
     "aliases": ["CVE-2024-0001"], "summary": "Demo",
     "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
     "affected": [{"package": {"ecosystem": "%s", "name": "%s"},
       "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "%s"}]}]}]}
    """
        .formatted(id, ecosystem, name, fixed);
  }

  private VulnerabilityStore store(Map<String, String> records) throws Exception {
    Path input = Files.createDirectories(directory.resolve("osv"));
    for (Map.Entry<String, String> entry : records.entrySet()) {
      Files.writeString(input.resolve(entry.getKey() + ".json"), entry.getValue());
    }
    Path database = directory.resolve("db");
    new StoreImporter(
            database, ArchiveLimits.DEFAULT, StoreImporter.DEFAULT_LOCK_TIMEOUT, Clock.systemUTC())
        .importSources(List.of(new StoreImporter.ImportSource(input, "test")));
    return VulnerabilityStore.open(database);
  }

  private static ImageScan scan(OsRelease os, Package... packages) {
    return new ImageScan(
        "dir:/rootfs",
        null,
        os,
        new ImageConfig(Platform.DEFAULT, "", Map.of(), List.of(), null, List.of(), List.of()),
        List.of(packages).stream().map(found -> new ImagePackage(found, LAYER)).toList(),
        List.of(),
        List.of(new ScannedLayer(0, LAYER, false, packages.length)),
        Instant.parse("2026-01-01T00:00:00Z"));
  }

  private static Package deb(Ecosystem ecosystem, String name, String source, String version) {
    return new Package(
        name,
        version,
        ecosystem,
        PackageUrl.of("deb", null, name, version),
        source,
        version,
        "amd64",
        "var/lib/dpkg/status");
  }

  private static Package pypi(String name, String version) {
    return Package.library(
        name,
        version,
        Ecosystem.PYPI,
        PackageUrl.of("pypi", null, name, version),
        "usr/lib/python3/dist-packages/" + name + "-" + version + ".dist-info/METADATA");
  }

  @Test
  void debianBinaryPackagesMatchThroughTheirSourceAndFillCoreImageData() throws Exception {
    ImageScan scan =
        scan(
            new OsRelease("debian", "12", null, null),
            deb(Ecosystem.DEBIAN, "libssl3", "openssl", "3.0.11-1~deb12u2"));
    ImageVulnerabilities found;
    try (VulnerabilityStore store =
        store(Map.of("DSA-1", record("DSA-1", "Debian:12", "openssl", "3.0.13-1~deb12u1")))) {
      found = ImageVulnerabilities.match(scan, new VulnerabilityMatcher(store));
    }

    assertThat(found.findings()).hasSize(1);
    ImageFinding finding = found.findings().getFirst();
    assertThat(finding.match().id()).isEqualTo("DSA-1");
    assertThat(finding.match().packageName()).isEqualTo("libssl3");
    assertThat(finding.match().fixedVersion()).isEqualTo("3.0.13-1~deb12u1");
    assertThat(finding.layer()).isEqualTo(LAYER);
    assertThat(finding.path()).isEqualTo("var/lib/dpkg/status");

    ImageData data = found.imageData(scan);
    assertThat(data.components()).hasSize(1);
    assertThat(data.vulnerabilitiesKnown()).isTrue();
    assertThat(data.unknownFields())
        .containsOnlyKeys(
            ImageFields.NVD_CVSS,
            ImageFields.DAYS_SINCE_CVE_FIX_WAS_AVAILABLE,
            ImageFields.DAYS_SINCE_CVE_WAS_FIRST_DISCOVERED_IN_IMAGE,
            ImageFields.DAYS_SINCE_CVE_WAS_FIRST_DISCOVERED_IN_SYSTEM,
            ImageFields.IMAGE_SIGNATURE_VERIFIED_BY)
        .containsEntry(ImageFields.NVD_CVSS, "OSV records carry no NVD scores");
    ImageVulnerability vulnerability = data.vulnerabilities().getFirst();
    assertThat(vulnerability.cve()).isEqualTo("CVE-2024-0001");
    assertThat(vulnerability.component().name()).isEqualTo("libssl3");
    assertThat(vulnerability.cvss()).isEqualTo(9.8);
    assertThat(vulnerability.severity()).isEqualTo(VulnerabilitySeverity.CRITICAL);
    assertThat(vulnerability.fixedBy()).isEqualTo("3.0.13-1~deb12u1");
    assertThat(vulnerability.publishedAt()).isEqualTo(Instant.parse("2024-02-01T00:00:00Z"));
  }

  @Test
  void aRecordUnderBothUbuntuKeysIsReportedOnceAndUnqueriedPackagesAreNoted() throws Exception {
    ImageScan scan =
        scan(
            new OsRelease("ubuntu", "22.04", null, null),
            deb(Ecosystem.UBUNTU, "bash", "bash", "5.1-6ubuntu1"));
    ImageScan unknownRelease =
        scan(
            new OsRelease("debian", null, null, null),
            deb(Ecosystem.DEBIAN, "bash", "bash", "5.2"));
    ImageVulnerabilities found;
    ImageVulnerabilities notQueried;
    try (VulnerabilityStore store =
        store(
            Map.of(
                "USN-1",
                record("USN-1", "Ubuntu:22.04", "bash", "5.1-6ubuntu1.1")
                    .replace(
                        "\"affected\": [",
                        """
                        "affected": [{"package": {"ecosystem": "Ubuntu:22.04:LTS", "name": "bash"},
                          "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}]}]},
                        """)))) {
      VulnerabilityMatcher matcher = new VulnerabilityMatcher(store);
      found = ImageVulnerabilities.match(scan, matcher);
      notQueried = ImageVulnerabilities.match(unknownRelease, matcher);
    }

    assertThat(found.findings())
        .extracting(finding -> finding.match().id())
        .containsExactly("USN-1");
    assertThat(notQueried.findings()).isEmpty();
    assertThat(notQueried.notes())
        .singleElement()
        .satisfies(note -> assertThat(note.reason()).contains("bash", "Debian", "release"));
  }

  @Test
  void policiesSeeOneVulnerabilityPerCveAndPackageWhateverRecordsNameIt() throws Exception {
    ImageScan scan =
        scan(
            new OsRelease("debian", "12", null, null),
            pypi("jinja2", "3.1.2"),
            pypi("requests", "2.31.0"));
    ImageVulnerabilities found;
    try (VulnerabilityStore store =
        store(
            Map.of(
                "PYSEC-1",
                record("PYSEC-1", "PyPI", "jinja2", "3.1.3"),
                "GHSA-1",
                record("GHSA-1", "PyPI", "jinja2", "3.1.3")
                    .replace("[\"CVE-2024-0001\"]", "[\"CVE-2024-0001\", \"CVE-2024-0002\"]"),
                "GHSA-2",
                record("GHSA-2", "PyPI", "requests", "2.32.0")
                    .replace("[\"CVE-2024-0001\"]", "[\"PYSEC-2\"]")))) {
      found = ImageVulnerabilities.match(scan, new VulnerabilityMatcher(store));
    }

    assertThat(found.findings()).hasSize(3);
    assertThat(found.policyVulnerabilities())
        .extracting(vulnerability -> vulnerability.cve() + " " + vulnerability.component().name())
        .containsExactlyInAnyOrder(
            "CVE-2024-0001 jinja2", "CVE-2024-0002 jinja2", "GHSA-2 requests");
  }

  @ParameterizedTest
  @CsvSource({
    "CVE-2024-0690, '', CVE-2024-0690",
    "PYSEC-2024-36, CVE-2024-0690, CVE-2024-0690",
    "DEBIAN-CVE-2024-1234, '', CVE-2024-1234",
    "GO-2024-1, GHSA-aaaa-bbbb-cccc CVE-2024-0002 cve-2024-0003, CVE-2024-0002 CVE-2024-0003",
    "GHSA-aaaa-bbbb-cccc, PYSEC-2024-1, GHSA-aaaa-bbbb-cccc",
  })
  void cveIdsAreTheRecordsCvesElseItsOwnId(String id, String aliases, String expected) {
    VulnerabilityMatch match =
        new VulnerabilityMatch(
            id,
            aliases.isEmpty() ? List.of() : List.of(aliases.split(" ")),
            "p",
            "PyPI",
            "1",
            null,
            MatchSeverity.UNKNOWN,
            null,
            null,
            "",
            null);

    assertThat(ImageVulnerabilities.cveIds(match)).containsExactly(expected.split(" "));
  }

  @ParameterizedTest
  @CsvSource({
    "CRITICAL, CRITICAL",
    "HIGH, IMPORTANT",
    "MEDIUM, MODERATE",
    "LOW, LOW",
    "NONE, LOW",
    "UNKNOWN, UNKNOWN"
  })
  void severitiesMapToTheStackRoxScale(MatchSeverity severity, VulnerabilitySeverity expected) {
    assertThat(ImageVulnerabilities.severity(severity)).isEqualTo(expected);
  }
}
