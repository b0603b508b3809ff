package dev.bulwark.bench.alerts;

import dev.bulwark.central.alerts.AlertReconciler;
import dev.bulwark.central.alerts.AlertStore;
import dev.bulwark.central.alerts.AlertSubject;
import dev.bulwark.central.alerts.DetectedViolation;
import dev.bulwark.central.auth.AdminBootstrap;
import dev.bulwark.central.server.CentralServer;
import dev.bulwark.central.server.CentralSettings;
import dev.bulwark.central.server.ImageScanSettings;
import dev.bulwark.central.storage.ConnectionSettings;
import dev.bulwark.central.storage.Database;
import dev.bulwark.central.storage.EmbeddedDatabase;
import dev.bulwark.policy.model.EnforcementAction;
import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.Severity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jdbi.v3.core.Jdbi;

/**
 * Central's alert benchmark (issue 7): starts an embedded PostgreSQL and central on it (in this
 * JVM, as the tests do), then
 *
 * <ol>
 *   <li>drives the reconciler as the inventory does, one transaction per deployment: DEPLOYMENTS
 *       deployments with 5 violations each are opened, re-evaluated with changed messages
 *       (updates), and evaluated clean (resolves); the same again in batches of 500 deployments
 *       ({@link AlertStore#evaluatedAll}); each phase prints alerts per second;
 *   <li>fills the table to TOTAL alerts (80 % ACTIVE, the rest RESOLVED, 40 namespaces, 4
 *       severities), then measures GET /v1/alerts?state=ACTIVE&amp;namespace=N&amp;severity=S
 *       &amp;limit=50 over HTTPS, one request at a time, after a warm-up: p50, p90, p99, max.
 * </ol>
 *
 * <p>Usage: {@code AlertBenchmark [DEPLOYMENTS] [TOTAL] [REQUESTS]} (defaults 2000 100000 2000).
 */
public final class AlertBenchmark {
  private static final int VIOLATIONS = 5;
  private static final int NAMESPACES = 40;
  private static final int BATCH = 500;
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final Severity[] SEVERITIES = Severity.values();

  private AlertBenchmark() {}

  public static void main(String[] args) throws Exception {
    int deployments = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int total = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    int requests = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
    PrintStream out = System.out;
    Path home = Files.createTempDirectory("bulwark-alert-bench");
    Path binaries =
        CentralSettings.defaultBinaries(
            System.getenv("XDG_CACHE_HOME"), Path.of(System.getProperty("user.home")));
    try (EmbeddedDatabase postgres = EmbeddedDatabase.start(home.resolve("postgres"), binaries)) {
      ConnectionSettings connection = postgres.connection();
      Path key = home.resolve("secret.key");
      Files.writeString(key, dev.bulwark.central.secrets.SecretBox.newKey());
      CentralSettings settings =
          new CentralSettings(
              "127.0.0.1",
              0,
              home.resolve("central"),
              connection,
              binaries,
              null,
              null,
              List.of(),
              null,
              key,
              null,
              CentralSettings.DEFAULT_MAX_REQUEST_BYTES,
              CentralSettings.DEFAULT_POOL_SIZE,
              Duration.ofHours(1),
              CentralSettings.DEFAULT_ALERT_RETENTION,
              ImageScanSettings.DEFAULTS);
      try (CentralServer central = CentralServer.start(settings, Clock.systemUTC());
          Database database = Database.open(connection, 4)) {
        Jdbi jdbi = database.jdbi();
        AlertStore store = new AlertStore(jdbi, Clock.systemUTC(), List.of());
        UUID cluster = cluster(jdbi, "bench");
        out.printf(
            Locale.ROOT,
            "alert-bench: %d deployments x %d violations, one transaction per deployment%n",
            deployments,
            VIOLATIONS);
        lifecycle(out, jdbi, store, cluster, deployments, 1);
        out.printf(Locale.ROOT, "alert-bench: the same, %d deployments per transaction%n", BATCH);
        lifecycle(out, jdbi, store, cluster(jdbi, "bench-batch"), deployments, BATCH);

        fill(out, jdbi, store, cluster(jdbi, "bench-fill"), total);
        latency(out, central, requests);
      }
    } finally {
      delete(home);
    }
  }

  /** Removes the benchmark's temporary directory (the database is about 100 MB). */
  private static void delete(Path directory) throws IOException {
    try (var paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  /** Opens, updates and resolves deployments x 5 alerts; prints alerts/s for each phase. */
  private static void lifecycle(
      PrintStream out, Jdbi jdbi, AlertStore store, UUID cluster, int deployments, int batch) {
    String[] phases = {"open", "update", "resolve"};
    for (int phase = 0; phase < phases.length; phase++) {
      Instant at = T0.plusSeconds(phase + 1L);
      int round = phase;
      long start = System.nanoTime();
      for (int first = 0; first < deployments; first += batch) {
        List<AlertReconciler.Evaluation> evaluations = new ArrayList<>();
        for (int index = first; index < Math.min(deployments, first + batch); index++) {
          evaluations.add(
              new AlertReconciler.Evaluation(
                  subject(cluster, index),
                  round == 2 ? List.of() : violations(index, "round " + round)));
        }
        jdbi.useTransaction(handle -> store.evaluatedAll(handle, evaluations, at));
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      out.printf(
          Locale.ROOT,
          "  %-8s %,7d alerts in %6.2f s: %,9.0f alerts/s%n",
          phases[phase],
          deployments * VIOLATIONS,
          seconds,
          deployments * VIOLATIONS / seconds);
    }
  }

  /** Adds alerts until the table holds {@code total}: every fifth deployment is resolved. */
  private static void fill(PrintStream out, Jdbi jdbi, AlertStore store, UUID cluster, int total) {
    long present =
        jdbi.withHandle(
            handle -> handle.createQuery("SELECT count(*) FROM alerts").mapTo(Long.class).one());
    int deployments = (int) Math.max(0, (total - present) / VIOLATIONS);
    long start = System.nanoTime();
    for (int first = 0; first < deployments; first += BATCH) {
      List<AlertReconciler.Evaluation> open = new ArrayList<>();
      List<AlertReconciler.Evaluation> fixed = new ArrayList<>();
      for (int index = first; index < Math.min(deployments, first + BATCH); index++) {
        AlertSubject subject = subject(cluster, index);
        open.add(new AlertReconciler.Evaluation(subject, violations(index, "found")));
        if (index % 5 == 0) {
          fixed.add(new AlertReconciler.Evaluation(subject, List.of()));
        }
      }
      Instant at = T0.plusSeconds(first);
      jdbi.useTransaction(handle -> {
        store.evaluatedAll(handle, open, at);
        store.evaluatedAll(handle, fixed, at.plusMillis(1));
      });
    }
    jdbi.useHandle(handle -> handle.execute("ANALYZE alerts"));
    long stored =
        jdbi.withHandle(
            handle -> handle.createQuery("SELECT count(*) FROM alerts").mapTo(Long.class).one());
    out.printf(
        Locale.ROOT,
        "alert-bench: filled to %,d alerts in %.1f s%n",
        stored,
        (System.nanoTime() - start) / 1e9);
  }

  /** Times filtered pages over HTTPS, one request at a time. */
  private static void latency(PrintStream out, CentralServer central, int requests)
      throws Exception {
    String token =
        switch (central.started().admin()) {
          case AdminBootstrap.Outcome.Created created -> created.token().secret();
          default -> throw new IllegalStateException("expected a new admin token");
        };
    URI base = URI.create("https://localhost:" + central.port());
    try (HttpClient http =
        HttpClient.newBuilder().sslContext(trusting(central.started().certificate())).build()) {
      int warmup = Math.max(200, requests / 2);
      long[] nanos = new long[requests];
      int items = 0;
      for (int index = -warmup; index < requests; index++) {
        int slot = Math.floorMod(index, NAMESPACES * SEVERITIES.length);
        String query =
            "/v1/alerts?state=ACTIVE&namespace=ns-"
                + slot % NAMESPACES
                + "&severity="
                + SEVERITIES[slot / NAMESPACES]
                + "&limit=50";
        HttpRequest request =
            HttpRequest.newBuilder(base.resolve(query))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - start;
        if (response.statusCode() != 200) {
          throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        if (index >= 0) {
          nanos[index] = took;
          items += count(response.body(), "\"clusterId\":");
        }
      }
      Arrays.sort(nanos);
      out.printf(
          Locale.ROOT,
          "alert-bench: GET /v1/alerts?state=ACTIVE&namespace=..&severity=..&limit=50, %d requests"
              + " after %d warm-up (%.1f items per page): p50=%.2fms p90=%.2fms p99=%.2fms"
              + " max=%.2fms%n",
          requests,
          warmup,
          (double) items / requests,
          percentile(nanos, 0.50),
          percentile(nanos, 0.90),
          percentile(nanos, 0.99),
          nanos[nanos.length - 1] / 1e6);
    }
  }

  private static double percentile(long[] sorted, double fraction) {
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] / 1e6;
  }

  private static int count(String text, String needle) {
    int found = 0;
    for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      found++;
    }
    return found;
  }

  private static UUID cluster(Jdbi jdbi, String name) {
    UUID id = UUID.randomUUID();
    jdbi.useHandle(handle ->
        handle.execute(
            "INSERT INTO clusters (id, name, created_at) VALUES (?, ?, now())", id, name));
    return id;
  }

  private static AlertSubject subject(UUID cluster, int index) {
    String name = "app-" + index;
    return new AlertSubject(
        cluster,
        UUID.nameUUIDFromBytes((cluster + "/" + index).getBytes(StandardCharsets.UTF_8)).toString(),
        "ns-" + index % NAMESPACES,
        "Deployment",
        name,
        Map.of("app", name, "team", "team-" + index % 7),
        Map.of("owner", "someone@example.com"),
        Map.of("notify", "#alerts-" + index % NAMESPACES));
  }

  /** Five violations: policies spread over the severities, messages that change per round. */
  private static List<DetectedViolation> violations(int index, String round) {
    List<DetectedViolation> violations = new ArrayList<>();
    for (int policy = 0; policy < VIOLATIONS; policy++) {
      int number = (index + policy * 7) % 30;
      violations.add(
          new DetectedViolation(
              "policy-" + number,
              "Policy number " + number,
              SEVERITIES[number % SEVERITIES.length],
              LifecycleStage.DEPLOY,
              List.of(
                  "container 'app' violates policy " + number + " (" + round + ")",
                  "container 'sidecar' violates policy " + number),
              number % 3 == 0 ? List.of(EnforcementAction.SCALE_TO_ZERO_ENFORCEMENT) : List.of()));
    }
    return violations;
  }

  private static SSLContext trusting(Path pem) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    int index = 0;
    for (Certificate certificate :
        CertificateFactory.getInstance("X.509")
            .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(pem)))) {
      trust.setCertificateEntry("trusted-" + index++, certificate);
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }
}
