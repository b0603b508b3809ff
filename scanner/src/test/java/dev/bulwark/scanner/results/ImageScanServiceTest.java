package dev.bulwark.scanner.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.image.ImageData;
import dev.bulwark.core.image.ImageFields;
import dev.bulwark.scanner.image.source.ImageOptions;
import dev.bulwark.testsupport.image.LayoutRegistry;
import dev.bulwark.testsupport.image.TestImage;
import dev.bulwark.vulndb.store.ArchiveLimits;
import dev.bulwark.vulndb.store.StoreImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scan service against an in-process registry: an image holding {@code ansible-core 2.16.1},
 * and a database of one record that says 2.16.3 fixes it.
 */
class ImageScanServiceTest {
  private static final String RECORD =
      """
      {"id": "PYSEC-2024-36", "modified": "2024-03-01T00:00:00Z",
       "published": "2024-02-06T12:15:00Z", "aliases": ["CVE-2024-0690"],
       "affected": [{"package": {"ecosystem": "PyPI", "name": "ansible-core"},
         "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.16.3"}]}]}]}
      """;

  @TempDir Path directory;

  private LayoutRegistry registry;
  private String image = "";
  private String pinned = "";
  private Path database;
  private final List<String> notes = new CopyOnWriteArrayList<>();
  private final List<ImageScanService> services = new ArrayList<>();

  @BeforeEach
  void serveImage() throws Exception {
    registry = LayoutRegistry.start();
    TestImage.builder()
        .layer(
            TestImage.layer()
                .file("etc/os-release", TestImage.DEBIAN_12_OS_RELEASE)
                .file(
                    "usr/lib/python3/dist-packages/ansible_core-2.16.1.dist-info/METADATA",
                    "Metadata-Version: 2.1\nName: ansible-core\nVersion: 2.16.1\n\n"))
        .user("app")
        .writeLayout(directory.resolve("layout"), "1.0");
    registry.serve("team/app", directory.resolve("layout"));
    image = registry.host() + "/team/app:1.0";
    pinned = registry.host() + "/team/app@" + registry.digest("team/app", "1.0");
    database = directory.resolve("db");
  }

  @AfterEach
  void stop() {
    services.forEach(ImageScanService::close);
    registry.close();
  }

  private void importDatabase() throws Exception {
    Path records = Files.createDirectories(directory.resolve("osv"));
    Files.writeString(records.resolve("PYSEC-2024-36.json"), RECORD);
    new StoreImporter(
            database, ArchiveLimits.DEFAULT, StoreImporter.DEFAULT_LOCK_TIMEOUT, Clock.systemUTC())
        .importSources(List.of(new StoreImporter.ImportSource(records, "test")));
  }

  private ImageScanService service(@Nullable Path db) {
    ImageScanService service =
        new ImageScanService(
            new ScanSettings(
                ImageOptions.defaults(),
                Set.of(registry.host()),
                directory.resolve("layers"),
                directory.resolve("scans"),
                db,
                4),
            Clock.systemUTC(),
            notes::add);
    services.add(service);
    return service;
  }

  private long blobRequests() {
    return registry.requests().stream().filter(path -> path.contains("/blobs/")).count();
  }

  @Test
  void findsTheVulnerabilityAndStoresTheResultUnderTheDigest() throws Exception {
    importDatabase();

    ImageScanOutcome outcome = service(database).scanRegistryImage(image).get();

    assertThat(outcome.source()).isEqualTo(ImageScanOutcome.Source.SCANNED);
    ScanResult result = outcome.found().orElseThrow();
    assertThat(result.digest()).isEqualTo(registry.digest("team/app", "1.0"));
    assertThat(result.vulnerabilitiesChecked()).isTrue();
    ImageData data = result.data();
    assertThat(data.scanned()).isTrue();
    assertThat(data.unknownFields()).containsKey(ImageFields.NVD_CVSS).doesNotContainKey("CVE");
    assertThat(data.user()).isEqualTo("app");
    assertThat(data.vulnerabilities())
        .singleElement()
        .satisfies(vulnerability -> {
          assertThat(vulnerability.cve()).isEqualTo("CVE-2024-0690");
          assertThat(vulnerability.fixedBy()).isEqualTo("2.16.3");
        });
    assertThat(
            new ScanResultStore(directory.resolve("scans"))
                .read(result.digest(), result.platform(), notes::add))
        .contains(result);
    assertThat(notes).isEmpty();
  }

  @Test
  void twoReferencesToOneImageAskedAtOnceAreScannedOnce() throws Exception {
    ImageScanService service = service(null);

    List<CompletableFuture<ImageScanOutcome>> asked =
        List.of(
            service.scanRegistryImage(image),
            service.scanRegistryImage(pinned),
            service.scanRegistryImage(image));
    List<ImageScanOutcome> outcomes = asked.stream().map(CompletableFuture::join).toList();

    assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.found()).isPresent());
    assertThat(outcomes)
        .extracting(ImageScanOutcome::reference)
        .containsExactly("docker://" + image, "docker://" + pinned, "docker://" + image);
    assertThat(service.counts().scanned()).isEqualTo(1);
    assertThat(service.counts().failed()).isZero();
  }

  @Test
  void aLaterRunUsesTheStoredResultWithoutReadingLayers() throws Exception {
    service(null).scanRegistryImage(image).get();
    long layersRead = blobRequests();

    ImageScanService later = service(null);
    ImageScanOutcome outcome = later.scanRegistryImage(image).get();

    assertThat(outcome.source()).isEqualTo(ImageScanOutcome.Source.STORED);
    assertThat(later.counts().scanned()).isZero();
    assertThat(blobRequests() - layersRead)
        .as("only the config is fetched to resolve the tag")
        .isEqualTo(1);
  }

  @Test
  void aStoredImagePinnedByDigestNeedsNoRequestAtAll() throws Exception {
    service(null).scanRegistryImage(image).get();
    int requests = registry.requests().size();

    ImageScanOutcome outcome = service(null).scanRegistryImage(pinned).get();

    assertThat(outcome.source()).isEqualTo(ImageScanOutcome.Source.STORED);
    assertThat(registry.requests()).hasSize(requests);
  }

  /** Writes a one-platform index of the served image into its layout; returns its digest. */
  private String writeIndex() throws Exception {
    String manifest = registry.digest("team/app", "1.0");
    long size = Files.size(directory.resolve("layout/blobs/sha256/" + manifest.substring(7)));
    byte[] index =
        ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
                + "\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"digest\":\""
                + manifest
                + "\",\"size\":"
                + size
                + ",\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}}]}")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String digest = dev.bulwark.scanner.image.Digests.sha256(index);
    Files.write(directory.resolve("layout/blobs/sha256/" + digest.substring(7)), index);
    return digest;
  }

  @Test
  void anImageAskedForByIndexDigestIsStoredForThatIndexAndPlatform() throws Exception {
    String index = writeIndex();
    String byIndex = registry.host() + "/team/app@" + index;

    ScanResult result = service(null).scanRegistryImage(byIndex).get().found().orElseThrow();
    int requests = registry.requests().size();

    assertThat(result.digest()).isEqualTo(registry.digest("team/app", "1.0"));
    assertThat(directory.resolve("scans/sha256/" + index.substring(7) + ".linux-amd64.json"))
        .isRegularFile();
    ImageScanOutcome again = service(null).scanRegistryImage(byIndex).get();
    assertThat(again.source()).isEqualTo(ImageScanOutcome.Source.STORED);
    assertThat(again.result()).isEqualTo(result);
    assertThat(registry.requests()).hasSize(requests);
  }

  @Test
  void withoutADatabaseTheResultSaysVulnerabilitiesWereNotChecked() throws Exception {
    ScanResult result = service(database).scanRegistryImage(image).get().found().orElseThrow();

    assertThat(result.vulnerabilitiesChecked()).isFalse();
    assertThat(result.database()).isNull();
    assertThat(result.data().components()).extracting("name").contains("ansible-core");
    assertThat(result.data().scanned()).as("its components are known").isTrue();
    assertThat(result.data().unknownFields())
        .containsEntry(ImageFields.CVE, "vulnerabilities were not checked");
  }

  @Test
  void anImportAfterTheScanMakesTheNextRunScanAgain() throws Exception {
    importDatabase();
    service(database).scanRegistryImage(image).get();
    Path file = dev.bulwark.vulndb.store.StoreLocation.databaseFile(database);
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(60)));

    ImageScanService later = service(database);
    ImageScanOutcome outcome = later.scanRegistryImage(image).get();

    assertThat(outcome.source()).isEqualTo(ImageScanOutcome.Source.SCANNED);
    assertThat(outcome.found().orElseThrow().database())
        .isEqualTo(Files.getLastModifiedTime(file).toInstant());
    assertThat(later.scanRegistryImage(image).get().source())
        .isEqualTo(ImageScanOutcome.Source.STORED);
  }

  @Test
  void anImageTheRegistryDoesNotHaveFailsWithTheReason() throws Exception {
    ImageScanService service = service(null);

    ImageScanOutcome outcome = service.scanRegistryImage(registry.host() + "/team/gone:1").get();

    assertThat(outcome.source()).isEqualTo(ImageScanOutcome.Source.FAILED);
    assertThat(outcome.found()).isEmpty();
    assertThat(outcome.problem()).contains("team/gone:1", "not found (HTTP 404)");
    assertThat(service.counts().failed()).isEqualTo(1);
  }

  @Test
  void anUnreachableRegistryFailsWithTheReason() throws Exception {
    String host = registry.host();
    registry.close();

    ImageScanOutcome outcome = service(null).scanRegistryImage(host + "/team/app:1.0").get();

    assertThat(outcome.source()).isEqualTo(ImageScanOutcome.Source.FAILED);
    assertThat(outcome.problem()).contains(host);
  }

  @Test
  void aCorruptStoredResultIsScannedAgainWithANote() throws Exception {
    ScanResult first = service(null).scanRegistryImage(image).get().found().orElseThrow();
    Path entry =
        directory.resolve("scans/sha256/" + first.digest().substring("sha256:".length()) + ".json");
    Files.writeString(entry, "{\"format\": 1");

    ImageScanOutcome outcome = service(null).scanRegistryImage(image).get();

    assertThat(outcome.source()).isEqualTo(ImageScanOutcome.Source.SCANNED);
    assertThat(notes).singleElement().asString().contains(entry.toString(), "ignored");
    assertThat(Files.readString(entry)).contains("\"digest\"");
  }
}
