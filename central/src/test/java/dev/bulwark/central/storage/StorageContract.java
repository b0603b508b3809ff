package dev.bulwark.central.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.central.api.HttpMethod;
import dev.bulwark.central.audit.AuditEntry;
import dev.bulwark.central.audit.AuditLog;
import dev.bulwark.central.auth.AdminBootstrap;
import dev.bulwark.central.auth.ApiToken;
import dev.bulwark.central.auth.IssuedToken;
import dev.bulwark.central.auth.Role;
import dev.bulwark.central.auth.TokenNameTakenException;
import dev.bulwark.central.auth.TokenRequest;
import dev.bulwark.central.auth.TokenStore;
import dev.bulwark.central.clusters.Cluster;
import dev.bulwark.central.clusters.ClusterNameTakenException;
import dev.bulwark.central.clusters.ClusterStore;
import dev.bulwark.central.jobs.SingletonJob;
import dev.bulwark.central.jobs.SingletonJobRunner;
import dev.bulwark.central.secrets.SecretBox;
import dev.bulwark.central.secrets.SecretException;
import dev.bulwark.central.secrets.SecretKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What central's stores must do on any PostgreSQL: run against the embedded server ({@code
 * EmbeddedStorageTest}) and against Debian's PostgreSQL started by {@code e2e/postgres/start}
 * ({@code ExternalPostgresIT}). Each class gets its own database; the tests share it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StorageContract {
  private final Clock clock = Clock.systemUTC();
  private ConnectionSettings settings;
  private Database database;
  private TokenStore tokens;

  /** A new, empty database. */
  abstract ConnectionSettings freshDatabase();

  @BeforeAll
  void open() throws DatabaseException {
    settings = freshDatabase();
    database = Database.open(settings, 6);
    tokens = new TokenStore(database.jdbi(), clock);
  }

  @AfterAll
  void close() {
    database.close();
  }

  @Test
  void migrationsCreateTheSchemaOnceAndAreNotRepeated() throws DatabaseException {
    assertThat(database.migration().schemaVersion()).isEqualTo("8");
    assertThat(database.migration().applied()).isEqualTo(8);
    List<String> tables =
        database
            .jdbi()
            .withHandle(handle ->
                handle
                    .createQuery(
                        "SELECT table_name FROM information_schema.tables"
                            + " WHERE table_schema = 'public' ORDER BY table_name")
                    .mapTo(String.class)
                    .list());
    assertThat(tables)
        .contains(
            "alerts",
            "api_tokens",
            "audit_log",
            "clusters",
            "installation",
            "policies",
            "policy_exceptions",
            "singleton_jobs");

    try (Database again = Database.open(settings, 2)) {
      assertThat(again.migration().applied()).isZero();
      assertThat(again.migration().schemaVersion()).isEqualTo("8");
    }
  }

  @Test
  void tokensAreFoundByTheirSecretWhichIsStoredOnlyAsAHash() {
    IssuedToken issued = tokens.issue(request("storage-analyst", Role.ANALYST));

    assertThat(issued.secret()).startsWith("bwk_").hasSize(47);
    assertThat(tokens.findBySecret(issued.secret())).contains(issued.token());
    assertThat(tokens.findBySecret(issued.secret() + "x")).isEmpty();
    long plain =
        database
            .jdbi()
            .withHandle(handle ->
                handle
                    .createQuery(
                        "SELECT count(*) FROM api_tokens WHERE"
                            + " position(convert_to(:secret, 'UTF8') in token_hash) > 0"
                            + " OR name = :secret")
                    .bind("secret", issued.secret())
                    .mapTo(Long.class)
                    .one());
    assertThat(plain).as("the secret is nowhere in the table").isZero();
  }

  @Test
  void aLiveTokenNameIsTakenUntilTheTokenIsRevoked() {
    IssuedToken first = tokens.issue(request("storage-ci", Role.CI));

    assertThatThrownBy(() -> tokens.issue(request("storage-ci", Role.CI)))
        .isInstanceOf(TokenNameTakenException.class)
        .hasMessageContaining("'storage-ci'");
    assertThat(tokens.revoke(first.token().id())).isEqualTo(TokenStore.Revocation.REVOKED);
    assertThat(tokens.revoke(first.token().id())).isEqualTo(TokenStore.Revocation.ALREADY_REVOKED);
    assertThat(tokens.issue(request("storage-ci", Role.CI)).token().name()).isEqualTo("storage-ci");
    assertThat(tokens.findBySecret(first.secret()).orElseThrow().state(Instant.now()))
        .isEqualTo(ApiToken.State.REVOKED);
  }

  @Test
  void theLastActiveAdminTokenCannotBeRevoked() {
    List<IssuedToken> admins = new ArrayList<>();
    database
        .jdbi()
        .useHandle(handle ->
            handle.execute("UPDATE api_tokens SET revoked_at = now() WHERE role = 'admin'"));
    admins.add(tokens.issue(request("storage-admin-1", Role.ADMIN)));
    admins.add(tokens.issue(request("storage-admin-2", Role.ADMIN)));

    assertThat(tokens.revoke(admins.get(0).token().id())).isEqualTo(TokenStore.Revocation.REVOKED);
    assertThat(tokens.revoke(admins.get(1).token().id()))
        .isEqualTo(TokenStore.Revocation.LAST_ADMIN);
    assertThat(tokens.revoke(java.util.UUID.randomUUID()))
        .isEqualTo(TokenStore.Revocation.NOT_FOUND);
  }

  @Test
  void aClusterIsRegisteredWithItsSensorTokenOrNotAtAll() {
    ClusterStore clusters = new ClusterStore(database.jdbi(), tokens, clock);

    ClusterStore.Registered registered = clusters.register("storage-prod", "tester");
    ApiToken sensor = tokens.findBySecret(registered.sensorToken().secret()).orElseThrow();
    long tokensBefore = count("api_tokens");

    assertThat(sensor.role()).isEqualTo(Role.SENSOR);
    assertThat(sensor.clusterId()).isEqualTo(registered.cluster().id());
    assertThat(sensor.createdBy()).isEqualTo("tester");
    assertThatThrownBy(() -> clusters.register("storage-prod", "tester"))
        .isInstanceOf(ClusterNameTakenException.class);
    assertThat(count("api_tokens")).as("no token without its cluster").isEqualTo(tokensBefore);
    Cluster contacted = clusters.recordContact(registered.cluster().id(), "0.1.0").orElseThrow();
    assertThat(contacted.sensorVersion()).isEqualTo("0.1.0");
    assertThat(contacted.state(Instant.now())).isEqualTo(Cluster.State.CONNECTED);
    assertThat(clusters.find(registered.cluster().id())).contains(contacted);
  }

  @Test
  void theAuditLogKeepsCallsNewestFirstAndCompletesThem() {
    AuditLog log = new AuditLog(database.jdbi(), clock);
    IssuedToken actor = tokens.issue(request("storage-auditor", Role.ADMIN));

    long first = log.started(actor.token().principal(), HttpMethod.POST, "/v1/clusters");
    log.finished(first, 201, "cluster-1");
    long second = log.started(actor.token().principal(), HttpMethod.DELETE, "/v1/tokens/x");

    List<AuditEntry> newest = log.list(1, null);
    assertThat(newest).extracting(AuditEntry::id).containsExactly(second);
    assertThat(newest.getFirst().status()).as("still running").isNull();
    AuditEntry older = log.list(1, second).getFirst();
    assertThat(older.id()).isEqualTo(first);
    assertThat(older.status()).isEqualTo(201);
    assertThat(older.targetId()).isEqualTo("cluster-1");
    assertThat(older.actor().name()).isEqualTo("storage-auditor");
    assertThat(older.method()).isEqualTo("POST");
  }

  @Test
  void twoRunnersNeverRunTheSameJobAtOnce() throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    AtomicInteger runs = new AtomicInteger();
    SingletonJob job =
        job(
            "exclusive-probe",
            Duration.ZERO,
            () -> {
              mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
              runs.incrementAndGet();
              Thread.sleep(15);
              running.decrementAndGet();
            });
    AtomicInteger busy = new AtomicInteger();
    try (Database second = Database.open(settings, 4)) {
      List<SingletonJobRunner> runners =
          List.of(
              new SingletonJobRunner(
                  database.jdbi(), List.of(job), "replica-a", Duration.ofHours(1)),
              new SingletonJobRunner(
                  second.jdbi(), List.of(job), "replica-b", Duration.ofHours(1)));
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService threads = Executors.newFixedThreadPool(4);
      List<Future<?>> attempts = new ArrayList<>();
      for (int thread = 0; thread < 4; thread++) {
        SingletonJobRunner runner = runners.get(thread % 2);
        attempts.add(
            threads.submit(() -> {
              go.await();
              for (int attempt = 0; attempt < 25; attempt++) {
                if (runner.runIfDue(job) == SingletonJobRunner.Outcome.BUSY) {
                  busy.incrementAndGet();
                }
              }
              return null;
            }));
      }
      go.countDown();
      for (Future<?> attempt : attempts) {
        attempt.get();
      }
      threads.shutdown();
      // How many attempts run and how many find the job busy depends on scheduling; what must
      // hold is that runs never overlap and that the lock is free again afterwards on both.
      assertThat(runners.get(0).runIfDue(job)).isEqualTo(SingletonJobRunner.Outcome.RAN);
      assertThat(runners.get(1).runIfDue(job)).isEqualTo(SingletonJobRunner.Outcome.RAN);
    }

    assertThat(mostAtOnce.get()).as("runs at the same time").isEqualTo(1);
    assertThat(runs.get()).isGreaterThanOrEqualTo(3);
    assertThat(busy.get()).as("attempts that found the job running elsewhere").isPositive();
  }

  @Test
  void aJobThatRanIsNotDueOnAnyReplicaUntilItsIntervalPassed() throws DatabaseException {
    AtomicInteger runs = new AtomicInteger();
    SingletonJob job = job("cadence-probe", Duration.ofHours(1), runs::incrementAndGet);
    SingletonJob failing =
        job(
            "failing-probe",
            Duration.ZERO,
            () -> {
              throw new IllegalStateException("boom");
            });
    try (Database second = Database.open(settings, 2)) {
      SingletonJobRunner a =
          new SingletonJobRunner(database.jdbi(), List.of(job, failing), "a", Duration.ofHours(1));
      SingletonJobRunner b =
          new SingletonJobRunner(second.jdbi(), List.of(job), "b", Duration.ofHours(1));

      assertThat(a.runIfDue(job)).isEqualTo(SingletonJobRunner.Outcome.RAN);
      assertThat(b.runIfDue(job)).isEqualTo(SingletonJobRunner.Outcome.NOT_DUE);
      assertThat(a.runIfDue(job)).isEqualTo(SingletonJobRunner.Outcome.NOT_DUE);
      assertThat(a.runIfDue(failing)).isEqualTo(SingletonJobRunner.Outcome.FAILED);
    }
    assertThat(runs.get()).isEqualTo(1);
    String error =
        database
            .jdbi()
            .withHandle(handle ->
                handle
                    .createQuery("SELECT last_error FROM singleton_jobs WHERE name = :name")
                    .bind("name", "failing-probe")
                    .mapTo(String.class)
                    .one());
    assertThat(error).contains("boom");
  }

  @Test
  void theSecretsKeyIsRecordedOnceAndAnotherKeyIsRefused() throws SecretException {
    SecretBox key = SecretBox.fromBase64(SecretBox.newKey(), "test");

    SecretKeys.verify(database.jdbi(), key);
    SecretKeys.verify(database.jdbi(), key);

    SecretBox other = SecretBox.fromBase64(SecretBox.newKey(), "test");
    assertThatThrownBy(() -> SecretKeys.verify(database.jdbi(), other))
        .isInstanceOf(SecretException.class)
        .hasMessageContaining("does not match")
        .hasMessageContaining(key.keyId())
        .hasMessageContaining(other.keyId());
  }

  @Test
  void theFirstAdminTokenIsMadeOnceAndAGivenOneIsRegisteredOnce(@TempDir Path directory)
      throws Exception {
    try (Database fresh = Database.open(freshDatabase(), 2)) {
      TokenStore store = new TokenStore(fresh.jdbi(), clock);
      AdminBootstrap bootstrap = new AdminBootstrap(fresh.jdbi(), store);
      Path written = directory.resolve("admin-token");

      AdminBootstrap.Outcome first = bootstrap.ensure(null, written);
      AdminBootstrap.Outcome second = bootstrap.ensure(null, written);

      assertThat(first).isInstanceOf(AdminBootstrap.Outcome.Created.class);
      String secret = Files.readString(written).strip();
      assertThat(((AdminBootstrap.Outcome.Created) first).token().secret()).isEqualTo(secret);
      assertThat(store.findBySecret(secret).orElseThrow().role()).isEqualTo(Role.ADMIN);
      assertThat(second).isEqualTo(new AdminBootstrap.Outcome.Existing(written));

      Path given =
          Files.writeString(directory.resolve("given"), "operator-chosen-token-0123456789abcdef\n");
      assertThat(bootstrap.ensure(given, written))
          .isEqualTo(new AdminBootstrap.Outcome.Given(given, true));
      assertThat(bootstrap.ensure(given, written))
          .isEqualTo(new AdminBootstrap.Outcome.Given(given, false));
      assertThat(store.findBySecret("operator-chosen-token-0123456789abcdef").orElseThrow().role())
          .isEqualTo(Role.ADMIN);

      Path weak = Files.writeString(directory.resolve("weak"), "short");
      assertThatThrownBy(() -> bootstrap.ensure(weak, written))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("weak")
          .hasMessageContaining("at least 32");
    }
  }

  private long count(String table) {
    return database
        .jdbi()
        .withHandle(
            handle -> handle.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
  }

  private static TokenRequest request(String name, Role role) {
    return new TokenRequest(name, role, null, null, "tester");
  }

  /** Work for a test job. */
  @FunctionalInterface
  interface Work {
    void run() throws Exception;
  }

  private static SingletonJob job(String name, Duration interval, Work work) {
    return new SingletonJob() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Duration interval() {
        return interval;
      }

      @Override
      public void run() throws Exception {
        work.run();
      }
    };
  }
}
