package dev.bulwark.admission.images;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.image.ImageComponent;
import dev.bulwark.core.image.ImageData;
import dev.bulwark.core.image.ImageVulnerability;
import dev.bulwark.core.image.VulnerabilitySeverity;
import dev.bulwark.scanner.image.Platform;
import dev.bulwark.scanner.results.ScanFreshness;
import dev.bulwark.scanner.results.ScanResult;
import dev.bulwark.scanner.results.ScanResultStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admission cache over the scanner's result store. */
class StoredScanResultsTest {
  private static final String FIRST = "sha256:" + "a".repeat(64);
  private static final String SECOND = "sha256:" + "b".repeat(64);
  private static final Instant IMPORTED = Instant.parse("2026-03-01T00:00:00Z");

  @TempDir Path directory;

  private Instant now = Instant.parse("2026-03-02T00:00:00Z");

  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };

  static ScanResult vulnerable(String digest) {
    ImageComponent component = new ImageComponent("ansible-core", "2.16.1");
    ImageData data =
        new ImageData(
            true,
            "debian:12",
            "app",
            Map.of(),
            List.of(component),
            List.of(
                new ImageVulnerability(
                    "CVE-2024-0690",
                    component,
                    5.5,
                    0,
                    VulnerabilitySeverity.MODERATE,
                    "2.16.3",
                    null,
                    null,
                    null,
                    null)),
            List.of(),
            null,
            IMPORTED,
            List.of());
    return new ScanResult(
        digest,
        "registry.example.com/app:1",
        Platform.DEFAULT,
        data,
        IMPORTED,
        ScanFreshness.analyzerVersions());
  }

  private StoredScanResults cache(ScanFreshness freshness, int maxEntries) {
    return new StoredScanResults(
        new ScanResultStore(directory),
        Platform.DEFAULT,
        () -> freshness,
        clock,
        Duration.ofSeconds(30),
        maxEntries);
  }

  private void write(String digest) {
    new ScanResultStore(directory).write(vulnerable(digest), note -> {});
  }

  private Path file(String digest) {
    return directory.resolve("sha256/" + digest.substring("sha256:".length()) + ".json");
  }

  @Test
  void answersAStoredResultByDigest() {
    write(FIRST);

    assertThat(cache(ScanFreshness.ANY, 10).get(FIRST))
        .hasValueSatisfying(data ->
            assertThat(data.vulnerabilities()).extracting("cve").containsExactly("CVE-2024-0690"));
  }

  @Test
  void aResultWrittenAfterAMissIsSeenOnceTheAnswerIsOld() {
    StoredScanResults cache = cache(ScanFreshness.ANY, 10);
    assertThat(cache.get(FIRST)).isEmpty();

    write(FIRST);
    assertThat(cache.get(FIRST)).as("the miss is remembered for 30 s").isEmpty();

    now = now.plusSeconds(31);
    assertThat(cache.get(FIRST)).isPresent();
  }

  @Test
  void keepsAtMostMaxEntriesInMemory() throws Exception {
    write(FIRST);
    write(SECOND);
    StoredScanResults cache = cache(ScanFreshness.ANY, 1);
    assertThat(cache.get(FIRST)).isPresent();
    Files.delete(file(FIRST));

    assertThat(cache.get(FIRST)).as("still in memory").isPresent();
    assertThat(cache.get(SECOND)).isPresent();
    assertThat(cache.get(FIRST)).as("evicted by the second, then read again").isEmpty();
  }

  @Test
  void aStaleResultCountsAsMissing() {
    write(FIRST);

    ScanFreshness newerDatabase =
        new ScanFreshness(ScanFreshness.analyzerVersions(), IMPORTED.plusSeconds(1));
    assertThat(cache(newerDatabase, 10).get(FIRST)).isEmpty();
  }

  @Test
  void aCorruptEntryOrSomethingElseThanADigestIsMissingNeverAnError() throws Exception {
    write(FIRST);
    Files.writeString(file(FIRST), "{\"format\": 1, \"digest\": 7}");
    StoredScanResults cache = cache(ScanFreshness.ANY, 10);

    assertThat(cache.get(FIRST)).isEmpty();
    assertThat(cache.get("latest")).isEmpty();
    assertThat(cache.get("sha256:../../etc")).isEmpty();
  }
}
