package dev.bulwark.vulndb.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Imports of small hand-written records: replacement, withdrawal, bad input, zips, locks. */
class StoreImportTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

  @TempDir Path temp;

  static String record(String id, String modified, String summary, String extra) {
    return """
    {"id": "%s", "modified": "%s", "summary": "%s", "aliases": ["CVE-%s"],%s
     "affected": [{"package": {"ecosystem": "PyPI", "name": "Demo.Package"},
       "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.0"}]}]}]}
    """
        .formatted(id, modified, summary, id, extra);
  }

  private Path directory(String name, Map<String, String> files) throws IOException {
    Path directory = temp.resolve(name);
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path path = directory.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue());
    }
    return directory;
  }

  private ImportReport importInto(Path store, Path... paths) throws StoreException {
    return importer(store, ArchiveLimits.DEFAULT, StoreImporter.DEFAULT_LOCK_TIMEOUT)
        .importSources(
            Arrays.stream(paths)
                .map(path -> new StoreImporter.ImportSource(path, path.toString()))
                .toList());
  }

  private static StoreImporter importer(Path store, ArchiveLimits limits, Duration timeout) {
    return new StoreImporter(store, limits, timeout, CLOCK);
  }

  @Test
  void aNewerRecordReplacesTheStoredOneAndAnOlderOneIsSkipped() throws Exception {
    Path store = temp.resolve("db");
    importInto(
        store,
        directory("v1", Map.of("a.json", record("PYSEC-1", "2024-01-01T00:00:00Z", "first", ""))));
    ImportReport newer =
        importInto(
            store,
            directory(
                "v2", Map.of("a.json", record("PYSEC-1", "2024-02-01T00:00:00Z", "second", ""))));
    ImportReport older =
        importInto(
            store,
            directory(
                "v0", Map.of("a.json", record("PYSEC-1", "2023-01-01T00:00:00Z", "zeroth", ""))));
    assertThat(newer.replaced()).isEqualTo(1);
    assertThat(older.keptNewer()).isEqualTo(1);
    try (VulnerabilityStore view = VulnerabilityStore.open(store)) {
      assertThat(view.find("PYSEC-1"))
          .singleElement()
          .extracting(VulnerabilitySummary::summary)
          .isEqualTo("second");
      assertThat(view.affected("PyPI", "demo-package")).hasSize(1);
      assertThat(view.status().records()).isEqualTo(1);
      assertThat(view.status().sources())
          .hasSize(3)
          .allMatch(source -> source.importedAt().equals(CLOCK.instant()));
    }
  }

  @Test
  void keepsWithdrawnRecordsFlagged() throws Exception {
    Path store = temp.resolve("db");
    importInto(
        store,
        directory(
            "in",
            Map.of(
                "a.json",
                record(
                    "PYSEC-2",
                    "2024-01-01T00:00:00Z",
                    "gone",
                    "\"withdrawn\": \"2024-01-05T00:00:00Z\","),
                "b.json",
                record("PYSEC-3", "2024-01-01T00:00:00Z", "here", ""))));
    try (VulnerabilityStore view = VulnerabilityStore.open(store)) {
      List<AffectedPackage> entries = view.affected("PyPI", "DEMO_package");
      assertThat(entries)
          .extracting(entry -> entry.vulnerability().id())
          .containsExactly("PYSEC-2", "PYSEC-3");
      assertThat(entries)
          .extracting(entry -> entry.vulnerability().isWithdrawn())
          .containsExactly(true, false);
      assertThat(view.status().withdrawn()).isEqualTo(1);
    }
  }

  @Test
  void aBadRecordIsReportedWithItsFileAndTheOthersAreImported() throws Exception {
    Path store = temp.resolve("db");
    Path input =
        directory(
            "in",
            Map.of(
                "good.json", record("PYSEC-4", "2024-01-01T00:00:00Z", "fine", ""),
                "sub/broken.json", "{\"id\": \"PYSEC-5\",\n \"modified\": ",
                "notes.txt", "not a record"));
    ImportReport report = importInto(store, input);
    assertThat(report.read()).isEqualTo(1);
    assertThat(report.problems())
        .singleElement()
        .satisfies(problem -> {
          assertThat(problem.rejected()).isTrue();
          assertThat(problem.toString())
              .startsWith(input.resolve("sub/broken.json") + ": error: ")
              .contains(input.resolve("sub/broken.json") + ":2:")
              .contains("not valid JSON");
        });
    try (VulnerabilityStore view = VulnerabilityStore.open(store)) {
      assertThat(view.ids()).containsExactly("PYSEC-4");
    }
  }

  @Test
  void importsAZipDumpAndFindsRecordsByAlias() throws Exception {
    Path zip = temp.resolve("all.zip");
    writeZip(
        zip,
        Map.of(
            "PYSEC-6.json", record("PYSEC-6", "2024-01-01T00:00:00Z", "zipped", ""),
            "PYSEC-7.json", record("PYSEC-7", "2024-01-01T00:00:00Z", "zipped too", "")));
    Path store = temp.resolve("db");
    assertThat(importInto(store, zip).read()).isEqualTo(2);
    try (VulnerabilityStore view = VulnerabilityStore.open(store)) {
      assertThat(view.find("CVE-PYSEC-7"))
          .extracting(VulnerabilitySummary::id)
          .containsExactly("PYSEC-7");
      assertThat(view.status().sources())
          .extracting(SourceEntry::location)
          .containsExactly(zip.toString());
    }
  }

  @Test
  void refusesAZipWhoseEntryClimbsOutOfTheArchive() throws Exception {
    Path zip = temp.resolve("evil.zip");
    writeZip(zip, Map.of("../../etc/evil.json", record("X-1", "2024-01-01T00:00:00Z", "x", "")));
    Path store = temp.resolve("db");
    assertThatThrownBy(() -> importInto(store, zip))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("entry \"../../etc/evil.json\" points outside the archive");
    assertThat(StoreLocation.databaseFile(store)).doesNotExist();
  }

  @Test
  void refusesAnEntryThatInflatesBeyondTheLimit() throws Exception {
    Path zip = temp.resolve("bomb.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("bomb.json"));
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 8; i++) {
        out.write(zeros);
      }
      out.closeEntry();
    }
    assertThat(Files.size(zip)).isLessThan(64 * 1024);
    ArchiveLimits limits = new ArchiveLimits(1 << 20, 1L << 30, 1000, 1L << 30);
    assertThatThrownBy(() ->
            importer(temp.resolve("db"), limits, Duration.ofSeconds(5))
                .importSources(List.of(new StoreImporter.ImportSource(zip, "bomb"))))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("bomb.zip!bomb.json: inflates to more than 1048576 bytes");
  }

  @Test
  void refusesAFileThatIsNotAZip() throws Exception {
    Path file = Files.writeString(temp.resolve("all.zip"), "plain text");
    assertThatThrownBy(() -> importInto(temp.resolve("db"), file))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("all.zip: not a zip file");
  }

  @Test
  void openingAMissingStoreSaysHowToCreateIt() {
    assertThatThrownBy(() -> VulnerabilityStore.open(temp.resolve("none")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("no vulnerability database at")
        .hasMessageContaining("bulwark db import");
  }

  @Test
  void aSecondImportWaitsForTheLockAndGivesUpWithAClearMessage() throws Exception {
    Path store = temp.resolve("db");
    Files.createDirectories(store);
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      Future<?> holder =
          executor.submit(() -> {
            try (StoreLock lock =
                StoreLock.acquire(
                    store.resolve(StoreLocation.IMPORT_LOCK_FILE),
                    false,
                    Duration.ofSeconds(5),
                    "test")) {
              held.countDown();
              release.await(10, TimeUnit.SECONDS);
            }
            return null;
          });
      assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
      Path input =
          directory("in", Map.of("a.json", record("PYSEC-8", "2024-01-01T00:00:00Z", "x", "")));
      assertThatThrownBy(() ->
              importer(store, ArchiveLimits.DEFAULT, Duration.ofMillis(200))
                  .importSources(List.of(new StoreImporter.ImportSource(input, "in"))))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("holds the lock " + store.resolve("import.lock"))
          .hasMessageContaining("gave up after");
      release.countDown();
      holder.get(10, TimeUnit.SECONDS);
      assertThat(importInto(store, input).read()).isEqualTo(1);
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void aReaderDuringImportsSeesTheOldOrTheNewStoreNeverAHalfWrittenOne() throws Exception {
    Path store = temp.resolve("db");
    importInto(
        store,
        directory("one", Map.of("r0.json", record("PYSEC-100", "2024-01-01T00:00:00Z", "x", ""))));
    Map<String, String> files = new HashMap<>();
    for (int i = 0; i < 200; i++) {
      files.put("r" + i + ".json", record("PYSEC-" + (100 + i), "2024-01-01T00:00:00Z", "x", ""));
    }
    Path big = directory("many", files);
    AtomicBoolean importing = new AtomicBoolean(true);
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      Future<?> imports =
          executor.submit(() -> {
            try {
              for (int i = 0; i < 5; i++) {
                importInto(store, big);
              }
            } finally {
              importing.set(false);
            }
            return null;
          });
      int reads = 0;
      while (importing.get() || reads == 0) {
        try (VulnerabilityStore view = VulnerabilityStore.open(store)) {
          assertThat(view.status().records()).isIn(1, 200);
          assertThat(view.affected("PyPI", "demo-package").size()).isIn(1, 200);
        }
        reads++;
      }
      imports.get(30, TimeUnit.SECONDS);
      assertThat(reads).isPositive();
    } finally {
      executor.shutdownNow();
    }
  }

  static void writeZip(Path zip, Map<String, String> entries) throws IOException {
    try (OutputStream file = Files.newOutputStream(zip);
        ZipOutputStream out = new ZipOutputStream(file)) {
      for (Map.Entry<String, String> entry : entries.entrySet()) {
        out.putNextEntry(new ZipEntry(entry.getKey()));
        out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
  }
}
