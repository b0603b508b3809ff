package dev.bulwark.central.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.central.storage.Database;
import dev.bulwark.central.testing.TestDatabases;
import dev.bulwark.policy.model.EnforcementAction;
import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.Severity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.groups.Tuple;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The alert lifecycle as the inventory drives it, on the shared test PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertStoreTest {
  private static final Instant T0 = Instant.parse("2030-01-01T10:00:00Z");

  private Database database;
  private Jdbi jdbi;
  private final List<AlertEvent> events = new ArrayList<>();
  private AlertStore store;
  private UUID cluster;

  @BeforeAll
  void open() throws Exception {
    database = Database.open(TestDatabases.fresh(), 3);
    jdbi = database.jdbi();
    store =
        new AlertStore(
            jdbi,
            Clock.fixed(T0.plus(Duration.ofDays(1)), ZoneOffset.UTC),
            List.of((handle, published) -> {
              // The listener runs inside the change's transaction.
              assertThat(handle.isInTransaction()).isTrue();
              events.addAll(published);
            }));
  }

  @AfterAll
  void close() {
    database.close();
  }

  @BeforeEach
  void freshCluster() {
    events.clear();
    cluster = UUID.randomUUID();
    jdbi.useHandle(handle ->
        handle.execute(
            "INSERT INTO clusters (id, name, created_at) VALUES (?, ?, now())",
            cluster,
            "cluster-" + cluster.toString().substring(0, 8)));
  }

  @Test
  void anAlertOpensIsUpdatedSilentlyAndResolvesWhenFixed() {
    AlertSubject web = subject("uid-web", "web");
    evaluate(web, T0, violation("privileged", "a"));

    assertThat(events).extracting(AlertEvent::kind).containsExactly(AlertEvent.Kind.NEW);
    AlertEvent opened = events.getFirst();
    assertThat(opened.clusterName()).startsWith("cluster-");
    assertThat(opened.subject()).isEqualTo(web);
    assertThat(opened.messages()).containsExactly("a");
    Alert active = only(AlertState.ACTIVE);
    assertThat(active.firstSeen()).isEqualTo(T0);
    assertThat(active.enforcement()).containsExactly(EnforcementAction.SCALE_TO_ZERO_ENFORCEMENT);

    events.clear();
    evaluate(web, T0.plusSeconds(60), violation("privileged", "a", "b"));
    assertThat(events).as("an update of an open alert publishes nothing").isEmpty();
    Alert updated = only(AlertState.ACTIVE);
    assertThat(updated.id()).isEqualTo(active.id());
    assertThat(updated.messages()).containsExactly("a", "b");
    assertThat(updated.firstSeen()).isEqualTo(T0);
    assertThat(updated.lastSeen()).isEqualTo(T0.plusSeconds(60));

    evaluate(web, T0.plusSeconds(120));
    assertThat(events).extracting(AlertEvent::kind).containsExactly(AlertEvent.Kind.RESOLVED);
    Alert resolved = store.find(active.id()).orElseThrow();
    assertThat(resolved.state()).isEqualTo(AlertState.RESOLVED);
    assertThat(resolved.resolution()).isEqualTo(AlertResolution.FIXED);
    assertThat(resolved.resolvedAt()).isEqualTo(T0.plusSeconds(120));

    events.clear();
    evaluate(web, T0.plusSeconds(180), violation("privileged", "again"));
    assertThat(events).extracting(AlertEvent::kind).containsExactly(AlertEvent.Kind.NEW);
    assertThat(events.getFirst().alertId()).isNotEqualTo(active.id());
  }

  @Test
  void reportingTheSameEvaluationTwiceChangesNothing() {
    AlertSubject web = subject("uid-web", "web");
    evaluate(web, T0, violation("p1", "a"), violation("p2", "b"));
    List<Alert> before = all();
    long xmin = rowVersions();
    events.clear();

    evaluate(web, T0, violation("p1", "a"), violation("p2", "b"));
    evaluate(web, T0.minusSeconds(5), violation("p1", "a"), violation("p2", "b"));

    assertThat(events).isEmpty();
    assertThat(all()).isEqualTo(before);
    assertThat(rowVersions()).as("no row was rewritten").isEqualTo(xmin);
  }

  @Test
  void onlyTheViolationsNoLongerReportedAreResolved() {
    AlertSubject web = subject("uid-web", "web");
    AlertSubject db = subject("uid-db", "db");
    evaluate(web, T0, violation("p1", "x"), violation("p2", "y"));
    evaluate(db, T0, violation("p1", "z"));
    events.clear();

    evaluate(web, T0.plusSeconds(1), violation("p2", "y"));

    assertThat(events).hasSize(1);
    assertThat(events.getFirst().kind()).isEqualTo(AlertEvent.Kind.RESOLVED);
    assertThat(events.getFirst().policyId()).isEqualTo("p1");
    assertThat(events.getFirst().subject().uid()).isEqualTo("uid-web");
    assertThat(store.list(filter(AlertState.ACTIVE), null, 10))
        .extracting(alert -> alert.subject().name() + "/" + alert.policyId())
        .containsExactlyInAnyOrder("web/p2", "db/p1");
  }

  @Test
  void aRemovedDeploymentResolvesEveryActiveAlertAsDeleted() {
    AlertSubject web = subject("uid-web", "web");
    evaluate(web, T0, violation("p1", "x"), violation("p2", "y"));
    events.clear();

    jdbi.useTransaction(handle -> store.removed(handle, web, T0.plusSeconds(5)));
    jdbi.useTransaction(handle -> store.removed(handle, web, T0.plusSeconds(6)));

    assertThat(events)
        .extracting(AlertEvent::kind)
        .containsExactly(AlertEvent.Kind.RESOLVED, AlertEvent.Kind.RESOLVED);
    assertThat(all())
        .allSatisfy(alert -> {
          assertThat(alert.state()).isEqualTo(AlertState.RESOLVED);
          assertThat(alert.resolution()).isEqualTo(AlertResolution.DELETED);
          assertThat(alert.resolvedAt()).isEqualTo(T0.plusSeconds(5));
        });
  }

  @Test
  void evaluationsLeaveRuntimeAndAttemptedAlertsAlone() {
    AlertSubject web = subject("uid-web", "web");
    jdbi.useHandle(handle ->
        handle.execute(
            "INSERT INTO alerts (id, cluster_id, subject_uid, namespace, kind, name, labels,"
                + " annotations, namespace_annotations, policy_id, policy_name, severity, stage,"
                + " state, messages, enforcement, first_seen, last_seen) VALUES (gen_random_uuid(),"
                + " ?, 'uid-web', 'shop', 'Deployment', 'web', '{}', '{}', '{}', 'shell', 'Shell',"
                + " 'HIGH', 'RUNTIME', 'ACTIVE', '[]', '[]', now(), now())",
            cluster));
    store.attempted(
        new AttemptedAdmission(
            web,
            new Alert.Admission("request-1", "CREATE", "apps/v1"),
            T0,
            List.of(new AttemptedAdmission.Violation("p1", "P1", Severity.HIGH, List.of("no")))));
    events.clear();

    evaluate(web, T0.plusSeconds(1));

    assertThat(events).isEmpty();
    assertThat(all())
        .extracting(Alert::stage, Alert::state)
        .containsExactlyInAnyOrder(
            Tuple.tuple(LifecycleStage.RUNTIME, AlertState.ACTIVE),
            Tuple.tuple(LifecycleStage.DEPLOY, AlertState.ATTEMPTED));
  }

  @Test
  void aBatchOfDeploymentsIsReconciledAtOnce() {
    List<AlertReconciler.Evaluation> batch = new ArrayList<>();
    for (int index = 0; index < 50; index++) {
      batch.add(
          new AlertReconciler.Evaluation(
              subject("uid-" + index, "app-" + index),
              List.of(violation("p1", "one"), violation("p2", "two"), violation("p2", "three"))));
    }
    jdbi.useTransaction(handle -> store.evaluatedAll(handle, batch, T0));
    assertThat(events).hasSize(100).allMatch(event -> event.kind() == AlertEvent.Kind.NEW);
    assertThat(store.list(filter(AlertState.ACTIVE), null, 500)).hasSize(100);
    assertThat(
            store.list(
                new AlertFilter(Set.of(), cluster, null, "p2", Set.of(), "app-7", null, null),
                null,
                10))
        .singleElement()
        .extracting(Alert::messages)
        .isEqualTo(List.of("two", "three"));

    events.clear();
    List<AlertReconciler.Evaluation> fixed = new ArrayList<>();
    for (AlertReconciler.Evaluation evaluation : batch) {
      fixed.add(
          new AlertReconciler.Evaluation(evaluation.subject(), List.of(violation("p2", "two"))));
    }
    jdbi.useTransaction(handle -> store.evaluatedAll(handle, fixed, T0.plusSeconds(1)));
    assertThat(events).hasSize(50).allMatch(event -> event.kind() == AlertEvent.Kind.RESOLVED);
  }

  @Test
  void aBatchSpanningClustersAndStatementsKeepsEachClustersAlertsApart() {
    UUID other = UUID.randomUUID();
    jdbi.useHandle(handle ->
        handle.execute(
            "INSERT INTO clusters (id, name, created_at) VALUES (?, ?, now())", other, "other"));
    int many = AlertStore.SUBJECTS_PER_STATEMENT + 20;
    List<AlertReconciler.Evaluation> open = new ArrayList<>();
    for (int index = 0; index < many; index++) {
      open.add(
          new AlertReconciler.Evaluation(
              subject("uid-" + index, "app-" + index), List.of(violation("p1", "one"))));
    }
    // The same uid in another cluster is another deployment.
    AlertSubject twin = withCluster(subject("uid-0", "app-0"), other);
    open.add(new AlertReconciler.Evaluation(twin, List.of(violation("p1", "twin"))));
    jdbi.useTransaction(handle -> store.evaluatedAll(handle, open, T0));
    assertThat(events).hasSize(many + 1);

    events.clear();
    List<AlertReconciler.Evaluation> fixed = new ArrayList<>();
    for (int index = 0; index < many; index++) {
      fixed.add(new AlertReconciler.Evaluation(subject("uid-" + index, "app-" + index), List.of()));
    }
    jdbi.useTransaction(handle -> store.evaluatedAll(handle, fixed, T0.plusSeconds(1)));
    assertThat(events)
        .hasSize(many)
        .allMatch(event -> event.kind() == AlertEvent.Kind.RESOLVED)
        .allMatch(event -> event.subject().clusterId().equals(cluster));
    assertThat(
            store.list(
                new AlertFilter(
                    Set.of(AlertState.ACTIVE), other, null, null, Set.of(), null, null, null),
                null,
                10))
        .singleElement()
        .extracting(Alert::messages)
        .isEqualTo(List.of("twin"));
  }

  @Test
  void aFailedTransactionTakesItsAlertsAndEventsWithIt() {
    AlertSubject web = subject("uid-web", "web");
    assertThatThrownBy(() ->
            jdbi.useTransaction(handle -> {
              store.evaluated(handle, web, List.of(violation("p1", "x")), T0);
              throw new IllegalStateException("the inventory's write failed");
            }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(all()).isEmpty();
  }

  @Test
  void onlyDeployStageViolationsAreAccepted() {
    AlertSubject web = subject("uid-web", "web");
    DetectedViolation runtime =
        new DetectedViolation(
            "p1", "P1", Severity.LOW, LifecycleStage.RUNTIME, List.of(), List.of());
    assertThatThrownBy(
            () -> jdbi.useTransaction(handle -> store.evaluated(handle, web, List.of(runtime), T0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("deploy-stage");
  }

  @Test
  void anAdmissionDenialIsRecordedOncePerRequestAndPolicy() {
    AttemptedAdmission attempt =
        new AttemptedAdmission(
            subject("", "web"),
            new Alert.Admission("request-9", "CREATE", "apps/v1"),
            T0,
            List.of(
                new AttemptedAdmission.Violation("p1", "P1", Severity.HIGH, List.of("a")),
                new AttemptedAdmission.Violation("p2", "P2", Severity.LOW, List.of("b"))));

    assertThat(store.attempted(attempt)).hasSize(2);
    assertThat(store.attempted(attempt)).isEmpty();

    assertThat(events)
        .extracting(AlertEvent::kind)
        .containsExactly(AlertEvent.Kind.ATTEMPTED, AlertEvent.Kind.ATTEMPTED);
    assertThat(store.list(filter(AlertState.ATTEMPTED), null, 10))
        .allSatisfy(alert ->
            assertThat(alert.admission())
                .isEqualTo(new Alert.Admission("request-9", "CREATE", "apps/v1")));
  }

  @Test
  void pruningDeletesOnlyEndedAlertsOlderThanTheRetention() {
    AlertSubject web = subject("uid-web", "web");
    AlertSubject db = subject("uid-db", "db");
    evaluate(web, T0, violation("old-active", "x"), violation("old-resolved", "y"));
    evaluate(web, T0.plusSeconds(1), violation("old-active", "x"));
    evaluate(db, T0.plus(Duration.ofDays(20)), violation("recent", "z"));
    evaluate(db, T0.plus(Duration.ofDays(20)).plusSeconds(1));
    store.attempted(
        new AttemptedAdmission(
            web,
            new Alert.Admission("old-request", "CREATE", "apps/v1"),
            T0,
            List.of(new AttemptedAdmission.Violation("p", "P", Severity.HIGH, List.of()))));

    Clock tenDaysLater = Clock.fixed(T0.plus(Duration.ofDays(10)), ZoneOffset.UTC);
    new AlertPruning(store, Duration.ofDays(5), tenDaysLater).run();

    assertThat(all())
        .extracting(Alert::policyId, Alert::state)
        .containsExactlyInAnyOrder(
            Tuple.tuple("old-active", AlertState.ACTIVE),
            Tuple.tuple("recent", AlertState.RESOLVED));
  }

  @Test
  void aManualResolutionRecordsWhoAndWhyOnce() {
    AlertSubject web = subject("uid-web", "web");
    evaluate(web, T0, violation("p1", "x"));
    Alert active = only(AlertState.ACTIVE);
    events.clear();

    AlertStore.Resolution first = store.resolve(active.id(), "alice", "accepted risk");
    AlertStore.Resolution second = store.resolve(active.id(), "alice", "again");

    assertThat(first).isInstanceOf(AlertStore.Resolution.Resolved.class);
    Alert resolved = ((AlertStore.Resolution.Resolved) first).alert();
    assertThat(resolved.resolution()).isEqualTo(AlertResolution.MANUAL);
    assertThat(resolved.resolvedBy()).isEqualTo("alice");
    assertThat(resolved.comment()).isEqualTo("accepted risk");
    assertThat(second).isInstanceOf(AlertStore.Resolution.NotActive.class);
    assertThat(store.resolve(UUID.randomUUID(), "alice", "x"))
        .isInstanceOf(AlertStore.Resolution.Missing.class);
    assertThat(events).extracting(AlertEvent::kind).containsExactly(AlertEvent.Kind.RESOLVED);

    events.clear();
    evaluate(web, T0.plusSeconds(10), violation("p1", "x"));
    assertThat(events)
        .as("the deployment still violates the policy: a new alert opens")
        .extracting(AlertEvent::kind)
        .containsExactly(AlertEvent.Kind.NEW);
  }

  private void evaluate(AlertSubject subject, Instant at, DetectedViolation... violations) {
    jdbi.useTransaction(handle -> store.evaluated(handle, subject, List.of(violations), at));
  }

  private AlertSubject subject(String uid, String name) {
    return new AlertSubject(
        cluster,
        uid,
        "shop",
        "Deployment",
        name,
        Map.of("app", name),
        Map.of("team", "payments"),
        Map.of("owner", "shop-team"));
  }

  private static AlertSubject withCluster(AlertSubject subject, UUID clusterId) {
    return new AlertSubject(
        clusterId,
        subject.uid(),
        subject.namespace(),
        subject.kind(),
        subject.name(),
        subject.labels(),
        subject.annotations(),
        subject.namespaceAnnotations());
  }

  private static DetectedViolation violation(String policy, String... messages) {
    return new DetectedViolation(
        policy,
        "Policy " + policy,
        Severity.HIGH,
        LifecycleStage.DEPLOY,
        List.of(messages),
        List.of(EnforcementAction.SCALE_TO_ZERO_ENFORCEMENT));
  }

  private AlertFilter filter(AlertState state) {
    return new AlertFilter(Set.of(state), cluster, null, null, Set.of(), null, null, null);
  }

  private List<Alert> all() {
    return store.list(
        new AlertFilter(Set.of(), cluster, null, null, Set.of(), null, null, null), null, 500);
  }

  private Alert only(AlertState state) {
    List<Alert> alerts = store.list(filter(state), null, 10);
    assertThat(alerts).hasSize(1);
    return alerts.getFirst();
  }

  private long rowVersions() {
    return jdbi.withHandle(handle ->
        handle
            .createQuery("SELECT sum(xmin::text::bigint) FROM alerts WHERE cluster_id = :c")
            .bind("c", cluster)
            .mapTo(Long.class)
            .one());
  }
}
