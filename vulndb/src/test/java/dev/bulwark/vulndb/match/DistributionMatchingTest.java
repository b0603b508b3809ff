package dev.bulwark.vulndb.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.vulndb.store.ArchiveLimits;
import dev.bulwark.vulndb.store.StoreImporter;
import dev.bulwark.vulndb.store.VulnerabilityStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Source-package lookup for Debian, releases, labels as severity, and merged entries. */
class DistributionMatchingTest {
  @TempDir static Path directory;

  private static VulnerabilityStore store;
  private static VulnerabilityMatcher matcher;

  private static final String DEBIAN =
      """
      {"id": "DSA-0001-1", "modified": "2025-01-01T00:00:00Z", "summary": "openssl: several issues",
       "aliases": ["CVE-2025-0001"],
       "affected": [
         {"package": {"ecosystem": "Debian:12", "name": "openssl"},
          "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "3.0.15-1~deb12u1"}]}],
          "database_specific": {"severity": "important"}},
         {"package": {"ecosystem": "Debian:12", "name": "openssl"},
          "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "3.0.14-1~deb12u2"}]}]}
       ]}
      """;

  private static final String ALPINE =
      """
      {"id": "ALPINE-0001", "modified": "2025-01-01T00:00:00Z",
       "affected": [
         {"package": {"ecosystem": "Alpine:v3.20", "name": "busybox"},
          "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.36.1-r29"}]}]}
       ]}
      """;

  @BeforeAll
  static void importRecords() throws Exception {
    Path records = Files.createDirectories(directory.resolve("records"));
    Files.writeString(records.resolve("DSA-0001-1.json"), DEBIAN);
    Files.writeString(records.resolve("ALPINE-0001.json"), ALPINE);
    Path storeDirectory = directory.resolve("store");
    new StoreImporter(
            storeDirectory,
            ArchiveLimits.DEFAULT,
            StoreImporter.DEFAULT_LOCK_TIMEOUT,
            Clock.systemUTC())
        .importSources(List.of(new StoreImporter.ImportSource(records, "records")));
    store = VulnerabilityStore.open(storeDirectory);
    matcher = new VulnerabilityMatcher(store);
  }

  @AfterAll
  static void closeStore() {
    store.close();
  }

  @Test
  void debianBinaryPackagesMatchThroughTheirSourcePackage() throws Exception {
    PackageMatches found =
        matcher.match(
            new PackageQuery(
                "Debian:12", "libssl3", "3.0.11-1~deb12u2+b1", "openssl", "3.0.11-1~deb12u2"));

    VulnerabilityMatch match = found.matches().get(0);
    assertThat(found.matches()).hasSize(1);
    assertThat(match.id()).isEqualTo("DSA-0001-1");
    assertThat(match.packageName()).isEqualTo("libssl3");
    assertThat(match.installedVersion()).isEqualTo("3.0.11-1~deb12u2+b1");
    // Two entries of the record matched: the lower fix is the advice.
    assertThat(match.fixedVersion()).isEqualTo("3.0.14-1~deb12u2");
    assertThat(match.aliases()).containsExactly("CVE-2025-0001");
    // The label of the other entry still rates the record.
    assertThat(match.severity()).isEqualTo(MatchSeverity.HIGH);
  }

  @Test
  void databaseLabelsRateRecordsWithoutCvss() throws Exception {
    PackageMatches found =
        matcher.match(new PackageQuery("Debian:12", "openssl", "3.0.14-1~deb12u2", null, null));

    assertThat(found.matches())
        .singleElement()
        .satisfies(match -> {
          assertThat(match.severity()).isEqualTo(MatchSeverity.HIGH);
          assertThat(match.fixedVersion()).isEqualTo("3.0.15-1~deb12u1");
          assertThat(match.cvssScore()).isNull();
        });
  }

  @Test
  void distributionPackagesMatchOnlyTheirRelease() throws Exception {
    assertThat(matcher.match(PackageQuery.of("Debian:11", "openssl", "3.0.11-1")).matches())
        .isEmpty();
    assertThat(matcher.match(PackageQuery.of("Alpine:v3.20", "busybox", "1.36.1-r28")).matches())
        .singleElement()
        .satisfies(match -> assertThat(match.fixedVersion()).isEqualTo("1.36.1-r29"));
    assertThat(matcher.match(PackageQuery.of("Alpine:v3.20", "busybox", "1.36.1-r29")).matches())
        .isEmpty();
    assertThat(matcher.match(PackageQuery.of("Alpine:v3.19", "busybox", "1.36.1-r28")).matches())
        .isEmpty();
  }
}
