package dev.bulwark.central.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.central.auth.TokenStore;
import dev.bulwark.central.clusters.ClusterStore;
import dev.bulwark.central.images.ImageKeys;
import dev.bulwark.central.images.ImageScanStore;
import dev.bulwark.central.policies.ActivePolicies;
import dev.bulwark.central.policies.PolicyStore;
import dev.bulwark.central.storage.Database;
import dev.bulwark.central.storage.DatabaseException;
import dev.bulwark.central.testing.TestDatabases;
import dev.bulwark.core.image.ImageComponent;
import dev.bulwark.core.image.ImageData;
import dev.bulwark.core.image.ImageVulnerability;
import dev.bulwark.core.image.VulnerabilitySeverity;
import dev.bulwark.core.workload.ImageRef;
import dev.bulwark.policy.engine.CompiledPolicySet;
import dev.bulwark.policy.engine.PolicyCompiler;
import dev.bulwark.policy.io.PolicyReader;
import dev.bulwark.policy.model.Policy;
import dev.bulwark.scanner.image.Platform;
import dev.bulwark.scanner.results.ImageScanOutcome;
import dev.bulwark.scanner.results.ScanResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The scanning of the inventory's images, with a scanner the test completes by hand: which images
 * are claimed and when, what is stored of a scan or a failure, and that a landed scan evaluates the
 * deployments using the image again with its data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageScanningTest {
  private static final String FIXABLE = "fixable-vulnerability";
  private static final Duration LEASE = Duration.ofMinutes(5);

  private final Clock clock = Clock.systemUTC();
  private final RecordingAlerts alerts = new RecordingAlerts();
  private final Map<String, CompletableFuture<ImageScanOutcome>> scans = new ConcurrentHashMap<>();
  private Database database;
  private Jdbi jdbi;
  private ClusterStore clusters;
  private Inventory inventory;
  private ImageScanStore store;
  private ImageScanning scanning;
  private UUID cluster;
  private String digest = "";

  @BeforeAll
  void start() throws DatabaseException {
    database = Database.open(TestDatabases.fresh(), 4);
    jdbi = database.jdbi();
    clusters = new ClusterStore(jdbi, new TokenStore(jdbi, clock), clock);
    new PolicyStore(jdbi, clock).create(fixableVulnerabilityPolicy(), "test");
    inventory = new Inventory(jdbi, new ActivePolicies(jdbi, clock), alerts, clock);
    store = new ImageScanStore(jdbi);
  }

  @AfterAll
  void stop() {
    database.close();
  }

  @BeforeEach
  void newClusterAndImage() {
    cluster = clusters.register("c-" + UUID.randomUUID(), "test").cluster().id();
    // Images and their scans are shared by clusters: every test starts without any.
    jdbi.useHandle(handle -> {
      handle.execute("DELETE FROM images");
      handle.execute("DELETE FROM image_scans");
    });
    scans.clear();
    digest = "sha256:" + HexFormat.of().formatHex(randomBytes());
    scanning = scanning(2);
    alerts.take();
  }

  @AfterEach
  void closeScanning() {
    scanning.close();
  }

  @Test
  void aLandedScanEvaluatesTheDeploymentsUsingTheImageWithItsData() throws Exception {
    deployWebRunning(digest);
    assertThat(alerts.take())
        .singleElement()
        .satisfies(report -> assertThat(report.policies()).isEmpty());

    scanning.run();

    String reference = "docker.io/library/nginx@" + digest;
    assertThat(scans).containsOnlyKeys(reference);
    scan(reference).complete(scanned(reference, vulnerability("CVE-2026-0001", "1.2.4")));
    awaitIdle();

    assertThat(alerts.take())
        .singleElement()
        .satisfies(report -> {
          assertThat(report.subject().uid()).isEqualTo("d1");
          assertThat(report.policies()).containsExactly(FIXABLE);
        });
    assertThat(status("SELECT failures || ' ' || (result IS NOT NULL) FROM image_scans"))
        .isEqualTo("0 true");
  }

  @Test
  void theDryRunSeesTheScansToo() throws Exception {
    deployWebRunning(digest);
    CompiledPolicySet fixable =
        PolicyCompiler.compile(List.of(fixableVulnerabilityPolicy()), List.of());
    assertThat(dryRun(fixable)).isEmpty();

    scanning.run();
    String reference = "docker.io/library/nginx@" + digest;
    scan(reference).complete(scanned(reference, vulnerability("CVE-2026-0001", "1.2.4")));
    awaitIdle();

    assertThat(dryRun(fixable)).containsExactly("web");
  }

  private List<String> dryRun(CompiledPolicySet policies) {
    return new PolicyDryRun(jdbi, clock)
        .run(policies, 10_000, Duration.ofSeconds(10)).results().stream()
            .filter(flagged -> flagged.clusterId().equals(cluster))
            .map(PolicyDryRun.Flagged::name)
            .toList();
  }

  @Test
  void aFailureIsRecordedAndRetriedAfterABackoffWhileTheLastResultStays() throws Exception {
    deployWebRunning(digest);
    scanning.run();
    String reference = "docker.io/library/nginx@" + digest;
    scan(reference)
        .complete(
            new ImageScanOutcome(
                reference, ImageScanOutcome.Source.FAILED, null, "registry unreachable"));
    awaitIdle();

    assertThat(status("SELECT failures || ' ' || error FROM image_scans"))
        .isEqualTo("1 registry unreachable");
    Instant now = clock.instant();
    assertThat(store.claim(now, ImageScanning.freshness(null), 10, LEASE)).isEmpty();
    assertThat(
            store.claim(now.plus(Duration.ofSeconds(61)), ImageScanning.freshness(null), 10, LEASE))
        .extracting(ImageScanStore.DueImage::reference)
        .containsExactly(reference);
    alerts.take();
  }

  @Test
  void theBackoffDoublesFromAMinuteToSixHours() {
    assertThat(List.of(1, 2, 3, 4, 9, 10, 50))
        .extracting(ImageScanStore::retryAfter)
        .containsExactly(
            Duration.ofMinutes(1),
            Duration.ofMinutes(2),
            Duration.ofMinutes(4),
            Duration.ofMinutes(8),
            Duration.ofMinutes(256),
            Duration.ofHours(6),
            Duration.ofHours(6));
  }

  @Test
  void aClaimedImageIsNotClaimedAgainUntilItsLeaseEnds() {
    deployWebRunning(digest);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    String freshness = ImageScanning.freshness(null);

    assertThat(store.claim(now, freshness, 10, LEASE)).hasSize(1);
    assertThat(store.claim(now.plusSeconds(60), freshness, 10, LEASE)).isEmpty();
    assertThat(store.claim(now.plus(LEASE).plusSeconds(1), freshness, 10, LEASE)).hasSize(1);
  }

  @Test
  void aResultMadeWithOtherAnalyzersOrAnotherDatabaseIsDueAgainAtOnce() {
    deployWebRunning(digest);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    ImageScanStore.DueImage image = store.claim(now, "analyzers v1", 10, LEASE).getFirst();
    store.recordScan(
        image, result(image.reference()), "analyzers v1", now, now.plus(Duration.ofDays(1)));

    assertThat(store.claim(now, "analyzers v1", 10, LEASE)).isEmpty();
    assertThat(store.claim(now, "analyzers v2", 10, LEASE)).containsExactly(image);
  }

  @Test
  void noMoreScansRunAtOnceThanAllowed() {
    scanning.close();
    scanning = scanning(1);
    deployWebRunning(digest);
    inventory.apply(
        cluster,
        2,
        Kube.upserts(Kube.pod("shop", "api", "p2", null, "", false, "sha256:" + "c".repeat(64))));

    scanning.run();
    scanning.run();

    assertThat(scans).hasSize(1);
    assertThat(scanning.running()).isEqualTo(1);
  }

  @Test
  void scansOfImagesNoDeploymentUsesArePrunedAfterAWeek() {
    deployWebRunning(digest);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    ImageScanStore.DueImage image = store.claim(now, "f", 10, LEASE).getFirst();
    store.recordScan(image, result(image.reference()), "f", now, now.plusSeconds(60));
    jdbi.useHandle(handle -> handle.execute("DELETE FROM images"));

    assertThat(store.pruneUnused(now.minus(ImageScanning.KEEP_UNUSED))).isZero();
    assertThat(store.pruneUnused(now.plusSeconds(1))).isEqualTo(1);
  }

  @Test
  void keysFollowWhatRunsThenWhatIsPinnedThenTheName() {
    ImageRef tag = ImageRef.parse("nginx:1.25");
    ImageRef pinned = ImageRef.parse("registry.local:5000/team/app@" + digest);

    assertThat(ImageKeys.of(tag, List.of("sha256:b", "sha256:a"))).isEqualTo("digest:sha256:a");
    assertThat(ImageKeys.of(pinned, List.of())).isEqualTo("digest:" + digest);
    assertThat(ImageKeys.of(tag, List.of())).isEqualTo("name:nginx:1.25");
    assertThat(ImageKeys.reference("digest:" + digest, "nginx:1.25"))
        .isEqualTo("docker.io/library/nginx@" + digest);
    assertThat(ImageKeys.reference("digest:" + digest, "registry.local:5000/team/app:2"))
        .isEqualTo("registry.local:5000/team/app@" + digest);
    assertThat(ImageKeys.reference("name:nginx:1.25", "nginx:1.25")).isEqualTo("nginx:1.25");
  }

  private ImageScanning scanning(int concurrency) {
    return new ImageScanning(
        store,
        inventory,
        reference -> scans.computeIfAbsent(reference, unused -> new CompletableFuture<>()),
        null,
        concurrency,
        LEASE,
        Duration.ofDays(1),
        clock);
  }

  private void deployWebRunning(String running) {
    inventory.apply(
        cluster,
        1,
        Kube.upserts(
            Kube.pod("shop", "web-1", "p1", "rs1", "ReplicaSet", false, running),
            Kube.replicaSet("shop", "web-5d", "rs1", "d1", false),
            Kube.deployment("shop", "web", "d1", false)));
  }

  /** Waits until the recording of every finished scan is done. */
  private void awaitIdle() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (scanning.running() > 0) {
      assertThat(System.nanoTime()).as("scans recorded in time").isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  private String status(String query) {
    return jdbi.withHandle(handle -> handle.createQuery(query).mapTo(String.class).one());
  }

  private CompletableFuture<ImageScanOutcome> scan(String reference) {
    return Objects.requireNonNull(scans.get(reference), reference + " was not scanned");
  }

  private static ScanResult result(String reference) {
    return Objects.requireNonNull(scanned(reference).result());
  }

  private static ImageScanOutcome scanned(String reference, ImageVulnerability... vulnerabilities) {
    ImageData data =
        new ImageData(
            true,
            "debian:12",
            null,
            Map.of(),
            List.of(new ImageComponent("openssl", "1.2.3")),
            List.of(vulnerabilities),
            List.of(),
            null,
            Instant.parse("2026-11-27T10:00:00Z"),
            List.of());
    return new ImageScanOutcome(
        reference,
        ImageScanOutcome.Source.SCANNED,
        new ScanResult(
            "sha256:" + "d".repeat(64),
            reference,
            Platform.parse("linux/amd64"),
            data,
            Instant.parse("2026-11-26T00:00:00Z"),
            Map.of("dpkg", 1)),
        null);
  }

  private static ImageVulnerability vulnerability(String cve, String fixedBy) {
    return new ImageVulnerability(
        cve,
        new ImageComponent("openssl", "1.2.3"),
        7.5,
        7.5,
        VulnerabilitySeverity.IMPORTANT,
        fixedBy,
        null,
        null,
        null,
        null);
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[32];
    ThreadLocalRandom.current().nextBytes(bytes);
    return bytes;
  }

  private static Policy fixableVulnerabilityPolicy() {
    return PolicyReader.parse(
            """
            {"id": "%s", "name": "%s", "categories": ["Test"], "lifecycleStages": ["DEPLOY"],
             "severity": "HIGH_SEVERITY",
             "policySections": [{"policyGroups": [{"fieldName": "Fixed By",
                                                   "values": [{"value": ".*"}]}]}]}
            """
                .formatted(FIXABLE, FIXABLE),
            FIXABLE)
        .getFirst();
  }
}
