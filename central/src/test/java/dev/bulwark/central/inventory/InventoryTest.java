package dev.bulwark.central.inventory;

import static dev.bulwark.central.inventory.Kube.DIGEST;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.central.auth.TokenStore;
import dev.bulwark.central.clusters.ClusterStore;
import dev.bulwark.central.exceptions.ExceptionStore;
import dev.bulwark.central.exceptions.StoredException;
import dev.bulwark.central.policies.ActivePolicies;
import dev.bulwark.central.policies.PolicyStore;
import dev.bulwark.central.storage.Database;
import dev.bulwark.central.storage.DatabaseException;
import dev.bulwark.central.testing.TestDatabases;
import dev.bulwark.policy.exception.PolicyException;
import dev.bulwark.policy.io.PolicyReader;
import dev.bulwark.policy.model.EnforcementAction;
import dev.bulwark.policy.model.Policy;
import dev.bulwark.policy.model.Severity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The inventory below the API: which deployments it derives, and what it reports to the alerts
 * feature as objects and policies change. Each test has a cluster of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InventoryTest {
  private static final String PRIVILEGED = "privileged";
  private static final String NO_INGRESS_POLICY = "no-ingress-policy";

  private final Clock clock = Clock.systemUTC();
  private final RecordingAlerts alerts = new RecordingAlerts();
  private Database database;
  private Jdbi jdbi;
  private ClusterStore clusters;
  private PolicyStore policies;
  private Inventory inventory;
  private UUID cluster;
  private String clusterName = "";

  @BeforeAll
  void start() throws DatabaseException {
    database = Database.open(TestDatabases.fresh(), 4);
    jdbi = database.jdbi();
    clusters = new ClusterStore(jdbi, new TokenStore(jdbi, clock), clock);
    policies = new PolicyStore(jdbi, clock);
    policies.create(policy(PRIVILEGED, "Privileged Container", "true", true), "test");
    policies.create(
        policy(NO_INGRESS_POLICY, "Has Ingress Network Policy", "false", false), "test");
    inventory = new Inventory(jdbi, new ActivePolicies(jdbi, clock), alerts, clock);
  }

  @AfterAll
  void stop() {
    database.close();
  }

  @BeforeEach
  void newCluster() {
    clusterName = "c-" + UUID.randomUUID();
    cluster = clusters.register(clusterName, "test").cluster().id();
    alerts.take();
  }

  @Test
  void podsOfAReplicaSetOfADeploymentMakeOneDeploymentWithTheRunningDigest() {
    inventory.apply(
        cluster,
        1,
        Kube.upserts(
            Kube.pod("shop", "web-1", "p1", "rs1", "ReplicaSet", false, DIGEST),
            Kube.replicaSet("shop", "web-5d", "rs1", "d1", false),
            Kube.deployment("shop", "web", "d1", false)));

    assertThat(deployments()).containsExactly("Deployment shop/web");
    JsonNode container = container("d1");
    assertThat(container.get("image").asText()).isEqualTo("nginx:1.25");
    assertThat(container.get("digest").asText()).isEqualTo(DIGEST);
    assertThat(images()).containsExactly(DIGEST);
    List<RecordingAlerts.Report> reports = alerts.take();
    assertThat(reports).extracting(report -> report.subject().uid()).containsExactly("d1");
  }

  @Test
  void aBarePodIsADeploymentAndSoIsAPodOfAnOperatorsResourceNotReported() {
    inventory.apply(
        cluster,
        1,
        Kube.upserts(
            Kube.pod("ops", "debug", "p1", null, "", false, DIGEST),
            Kube.pod("ops", "operated", "p2", "db1", "Database", false, DIGEST)));

    assertThat(deployments()).containsExactlyInAnyOrder("Pod ops/debug", "Pod ops/operated");
  }

  @Test
  void podsWhoseReplicaSetIsGoneAreNoDeploymentsWhileADeploymentIsDeleted() {
    inventory.apply(
        cluster,
        1,
        Kube.upserts(
            Kube.deployment("shop", "web", "d1", true),
            Kube.replicaSet("shop", "web-5d", "rs1", "d1", true),
            Kube.pod("shop", "web-1", "p1", "rs1", "ReplicaSet", true, DIGEST)));
    alerts.take();

    // Deleting a Deployment: it goes first, then its ReplicaSet, then the pods.
    inventory.apply(cluster, 2, List.of(new Inventory.Delete("d1")));
    inventory.apply(cluster, 3, List.of(new Inventory.Delete("rs1")));

    assertThat(deployments()).isEmpty();
    assertThat(alerts.take())
        .extracting(report -> report.subject().name() + (report.removed() ? " removed" : ""))
        .containsExactly("web removed");

    inventory.apply(cluster, 4, List.of(new Inventory.Delete("p1")));

    assertThat(alerts.take()).isEmpty();
  }

  @Test
  void aCronJobOwnsItsJobsAndTheirPods() {
    inventory.apply(
        cluster,
        1,
        Kube.upserts(
            Kube.cronJob("batch", "nightly", "cj"),
            Kube.job("batch", "nightly-1", "j1", "cj"),
            Kube.pod("batch", "nightly-1-x", "p1", "j1", "Job", false, DIGEST)));

    assertThat(deployments()).containsExactly("CronJob batch/nightly");
    assertThat(container("cj").get("digest").asText()).isEqualTo(DIGEST);
  }

  @Test
  void aPrivilegedContainerViolatesUntilFixedAndADeletedDeploymentIsRemoved() {
    inventory.apply(
        cluster,
        1,
        Kube.upserts(Kube.namespace("shop", "ns1"), Kube.deployment("shop", "web", "d1", true)));

    RecordingAlerts.Report first = alerts.take().getFirst();
    assertThat(first.policies()).contains(PRIVILEGED);
    var violation =
        Objects.requireNonNull(first.violations()).stream()
            .filter(each -> each.policyId().equals(PRIVILEGED))
            .findFirst()
            .orElseThrow();
    assertThat(violation.severity()).isEqualTo(Severity.HIGH);
    assertThat(violation.messages()).isNotEmpty();
    assertThat(violation.enforcement())
        .containsExactly(EnforcementAction.SCALE_TO_ZERO_ENFORCEMENT);
    assertThat(first.subject().namespaceAnnotations()).containsEntry("owner", "team-a");
    assertThat(first.subject().labels()).containsEntry("app", "web");

    inventory.apply(cluster, 2, Kube.upserts(Kube.deployment("shop", "web", "d1", false)));
    List<RecordingAlerts.Report> fixed = alerts.take();
    assertThat(fixed).hasSize(1);
    assertThat(fixed.getFirst().policies()).doesNotContain(PRIVILEGED);

    inventory.apply(cluster, 3, List.of(new Inventory.Delete("d1")));
    List<RecordingAlerts.Report> removed = alerts.take();
    assertThat(removed).hasSize(1);
    assertThat(removed.getFirst().removed()).isTrue();
    assertThat(removed.getFirst().subject().uid()).isEqualTo("d1");
    assertThat(deployments()).isEmpty();
  }

  @Test
  void aNetworkPolicyInTheNamespaceEvaluatesItsDeploymentsAgain() {
    inventory.apply(
        cluster,
        1,
        Kube.upserts(
            Kube.deployment("shop", "web", "d1", false),
            Kube.deployment("shop", "api", "d2", false),
            Kube.deployment("other", "db", "d3", false)));
    assertThat(alerts.take())
        .allSatisfy(report -> assertThat(report.policies()).contains(NO_INGRESS_POLICY));

    inventory.apply(cluster, 2, Kube.upserts(Kube.networkPolicy("shop", "deny", "np1")));

    List<RecordingAlerts.Report> again = alerts.take();
    assertThat(again)
        .extracting(report -> report.subject().uid())
        .containsExactlyInAnyOrder("d1", "d2");
    assertThat(again).allSatisfy(report -> assertThat(report.policies()).isEmpty());
  }

  @Test
  void aClusterRoleChangeEvaluatesEveryDeploymentOfTheCluster() {
    inventory.apply(
        cluster,
        1,
        Kube.upserts(
            Kube.deployment("shop", "web", "d1", false),
            Kube.deployment("other", "db", "d2", false)));
    alerts.take();

    inventory.apply(
        cluster,
        2,
        Kube.upserts(
            """
            {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
             "metadata": {"name": "reader", "uid": "cr1"},
             "rules": [{"apiGroups": [""], "resources": ["pods"], "verbs": ["get"]}]}
            """));

    assertThat(alerts.take())
        .extracting(report -> report.subject().uid())
        .containsExactlyInAnyOrder("d1", "d2");
  }

  @Test
  void aPodChangeEvaluatesOnlyItsDeployment() {
    inventory.apply(
        cluster,
        1,
        Kube.upserts(
            Kube.deployment("shop", "web", "d1", false),
            Kube.deployment("shop", "api", "d2", false)));
    alerts.take();

    inventory.apply(
        cluster,
        2,
        Kube.upserts(Kube.pod("shop", "web-1", "p1", "d1", "Deployment", false, DIGEST)));

    assertThat(alerts.take()).extracting(report -> report.subject().uid()).containsExactly("d1");
    assertThat(container("d1").get("digest").asText()).isEqualTo(DIGEST);
  }

  @Test
  void aReplayedBatchChangesNothing() {
    inventory.apply(cluster, 5, Kube.upserts(Kube.deployment("shop", "web", "d1", true)));
    alerts.take();

    assertThat(inventory.apply(cluster, 5, List.of(new Inventory.Delete("d1")))).isEqualTo(5);
    assertThat(inventory.apply(cluster, 4, List.of(new Inventory.Delete("d1")))).isEqualTo(4);

    assertThat(deployments()).containsExactly("Deployment shop/web");
    assertThat(alerts.take()).isEmpty();
    assertThat(inventory.state(cluster)).isEqualTo(new Inventory.State(5, 1));
  }

  @Test
  void aResyncDeletesWhatItDoesNotList() {
    inventory.apply(
        cluster,
        1,
        Kube.upserts(
            Kube.deployment("shop", "web", "d1", false),
            Kube.deployment("shop", "old", "d2", false)));
    alerts.take();

    inventory.resync(cluster, 2, Kube.objects(Kube.deployment("shop", "web", "d1", false)));

    assertThat(deployments()).containsExactly("Deployment shop/web");
    List<RecordingAlerts.Report> reports = alerts.take();
    assertThat(reports)
        .filteredOn(RecordingAlerts.Report::removed)
        .extracting(report -> report.subject().uid())
        .containsExactly("d2");
    assertThat(inventory.state(cluster)).isEqualTo(new Inventory.State(2, 1));
  }

  @Test
  void reprocessingEvaluatesEveryDeploymentOnceThePolicySetChanged() {
    inventory.resync(cluster, 1, Kube.objects(Kube.deployment("shop", "web", "d1", true)));
    assertThat(alerts.take().getFirst().policies()).contains(PRIVILEGED);
    assertThat(inventory.reprocess(cluster, Duration.ofHours(1))).isFalse();

    policies.setDisabled(PRIVILEGED, true, "test");
    try {
      assertThat(inventory.reprocess(cluster, Duration.ofHours(1))).isTrue();
      List<RecordingAlerts.Report> reports = alerts.take();
      assertThat(reports).hasSize(1);
      assertThat(reports.getFirst().policies()).doesNotContain(PRIVILEGED);
      assertThat(inventory.reprocess(cluster, Duration.ofHours(1))).isFalse();
    } finally {
      policies.setDisabled(PRIVILEGED, false, "test");
    }
  }

  @Test
  void theReprocessingJobEvaluatesEveryClusterAgainWhenAPolicyChanges() {
    inventory.resync(cluster, 1, Kube.objects(Kube.deployment("shop", "web", "d1", false)));
    alerts.take();
    Reprocessing job = new Reprocessing(inventory, Duration.ofSeconds(1));

    job.run();
    assertThat(reportsOfThisCluster()).isEmpty();

    policies.setDisabled(NO_INGRESS_POLICY, true, "test");
    try {
      job.run();
      List<RecordingAlerts.Report> reports = reportsOfThisCluster();
      assertThat(reports).extracting(report -> report.subject().uid()).containsExactly("d1");
      assertThat(reports.getFirst().policies()).doesNotContain(NO_INGRESS_POLICY);
    } finally {
      policies.setDisabled(NO_INGRESS_POLICY, false, "test");
    }
  }

  @Test
  void anExceptionInForceWaivesTheViolationAndAnExpiredOneDoesNot() {
    ExceptionStore exceptions = new ExceptionStore(jdbi, clock);
    StoredException expired =
        exceptions.create(
            exception("expired-" + clusterName, Instant.parse("2001-01-01T00:00:00Z")), "test");
    try {
      inventory.resync(cluster, 1, Kube.objects(Kube.deployment("shop", "web", "d1", true)));
      assertThat(reportsOfThisCluster().getFirst().policies()).contains(PRIVILEGED);
    } finally {
      exceptions.delete(expired.id());
    }

    StoredException waiver = exceptions.create(exception("waiver-" + clusterName, null), "test");
    try {
      assertThat(inventory.reprocess(cluster, Duration.ofHours(1))).isTrue();
      List<RecordingAlerts.Report> waived = reportsOfThisCluster();
      assertThat(waived).hasSize(1);
      assertThat(waived.getFirst().policies()).doesNotContain(PRIVILEGED);
      assertThat(inventory.reprocess(cluster, Duration.ofHours(1))).isFalse();
    } finally {
      exceptions.delete(waiver.id());
    }
    assertThat(inventory.reprocess(cluster, Duration.ofHours(1))).isTrue();
    assertThat(reportsOfThisCluster().getFirst().policies()).contains(PRIVILEGED);
  }

  @Test
  void anExceptionThatExpiresStopsWaivingAtTheNextReprocessing() {
    ExceptionStore exceptions = new ExceptionStore(jdbi, clock);
    StoredException soon =
        exceptions.create(exception("soon-" + clusterName, Instant.now().plusMillis(1500)), "test");
    try {
      inventory.resync(cluster, 1, Kube.objects(Kube.deployment("shop", "web", "d1", true)));
      assertThat(reportsOfThisCluster().getFirst().policies()).doesNotContain(PRIVILEGED);
      assertThat(inventory.reprocess(cluster, Duration.ofHours(1))).isFalse();

      await(soon.exception().expires());
      assertThat(inventory.reprocess(cluster, Duration.ofHours(1))).isTrue();
      assertThat(reportsOfThisCluster().getFirst().policies()).contains(PRIVILEGED);
    } finally {
      exceptions.delete(soon.id());
    }
  }

  private static void await(@Nullable Instant instant) {
    while (instant != null && Instant.now().isBefore(instant.plusMillis(10))) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** Waives the privileged policy in this test's cluster only. */
  private PolicyException exception(String name, @Nullable Instant expires) {
    return new PolicyException(
        name,
        List.of(PRIVILEGED),
        List.of(),
        clusterName,
        List.of("shop"),
        Map.of("app", "web"),
        List.of(),
        List.of(),
        "test",
        "a test waiver",
        null,
        expires,
        "");
  }

  private List<RecordingAlerts.Report> reportsOfThisCluster() {
    return alerts.take().stream()
        .filter(report -> report.subject().clusterId().equals(cluster))
        .toList();
  }

  @Test
  void aServiceExposesTheDeploymentsItSelects() {
    inventory.apply(
        cluster,
        1,
        Kube.upserts(
            Kube.deployment("shop", "web", "d1", false), Kube.service("shop", "web", "s1", "web")));

    JsonNode exposure =
        jdbi.withHandle(handle ->
            Kube.tree(
                handle
                    .createQuery(
                        "SELECT exposure::text FROM deployments WHERE uid = 'd1'"
                            + " AND cluster_id = :cluster")
                    .bind("cluster", cluster)
                    .mapTo(String.class)
                    .one()));
    assertThat(exposure.toString()).contains("\"exposure\":\"node\"").contains("30080");
  }

  @Test
  void eachEvaluationStoresTheDeploymentsRiskWithItsFactors() {
    inventory.apply(
        cluster,
        1,
        Kube.upserts(Kube.namespace("shop", "ns1"), Kube.deployment("shop", "web", "d1", true)));
    double violating = riskScore("d1");
    assertThat(riskDetails("d1"))
        .contains("2 active alerts", "Service configuration", "nginx:1.25");

    inventory.apply(cluster, 2, Kube.upserts(Kube.deployment("shop", "web", "d1", false)));

    assertThat(riskScore("d1")).isLessThan(violating);
    // The other policy (no ingress NetworkPolicy) still applies.
    assertThat(riskDetails("d1")).contains("1 active alert (").doesNotContain("2 active alerts");
  }

  private double riskScore(String uid) {
    return jdbi.withHandle(handle ->
        handle
            .createQuery(
                "SELECT risk_score FROM deployments WHERE cluster_id = :cluster AND uid = :uid")
            .bind("cluster", cluster)
            .bind("uid", uid)
            .mapTo(Double.class)
            .one());
  }

  private String riskDetails(String uid) {
    return jdbi.withHandle(handle ->
        handle
            .createQuery(
                "SELECT risk::text FROM deployments WHERE cluster_id = :cluster AND uid = :uid")
            .bind("cluster", cluster)
            .bind("uid", uid)
            .mapTo(String.class)
            .one());
  }

  private List<String> deployments() {
    return jdbi.withHandle(handle ->
        handle
            .createQuery(
                "SELECT kind || ' ' || namespace || '/' || name FROM deployments"
                    + " WHERE cluster_id = :cluster ORDER BY 1")
            .bind("cluster", cluster)
            .mapTo(String.class)
            .list());
  }

  private List<String> images() {
    return jdbi.withHandle(handle ->
        handle
            .createQuery(
                "SELECT DISTINCT coalesce(i.digest, i.name) FROM images i"
                    + " JOIN deployment_images l ON l.image_id = i.id"
                    + " JOIN deployments d ON d.id = l.deployment_id WHERE d.cluster_id = :cluster")
            .bind("cluster", cluster)
            .mapTo(String.class)
            .list());
  }

  private JsonNode container(String uid) {
    return jdbi.withHandle(handle ->
        Kube.tree(
                handle
                    .createQuery(
                        "SELECT containers::text FROM deployments WHERE uid = :uid"
                            + " AND cluster_id = :cluster")
                    .bind("uid", uid)
                    .bind("cluster", cluster)
                    .mapTo(String.class)
                    .one())
            .get(0));
  }

  private static Policy policy(String id, String field, String value, boolean enforced) {
    return PolicyReader.parse(
            """
            {"id": "%s", "name": "%s", "categories": ["Test"], "lifecycleStages": ["DEPLOY"],
             "severity": "HIGH_SEVERITY", "enforcementActions": [%s],
             "policySections": [{"policyGroups": [{"fieldName": "%s",
                                                   "values": [{"value": "%s"}]}]}]}
            """
                .formatted(id, id, enforced ? "\"SCALE_TO_ZERO_ENFORCEMENT\"" : "", field, value),
            id)
        .getFirst();
  }
}
