package dev.bulwark.sensor.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.image.ImageData;
import dev.bulwark.core.workload.ImageRef;
import dev.bulwark.policy.builtin.BuiltinPolicies;
import dev.bulwark.policy.model.EnforcementAction;
import dev.bulwark.policy.model.Policy;
import dev.bulwark.sensor.images.ImageKey;
import dev.bulwark.sensor.images.ImageScans;
import dev.bulwark.sensor.inventory.InventoryStore;
import dev.bulwark.sensor.policies.ActivePolicies;
import dev.bulwark.sensor.policies.PolicySet;
import dev.bulwark.sensor.testing.ImageFixtures;
import dev.bulwark.sensor.testing.Kube;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LocalEvaluationTest {
  private final InventoryStore store = new InventoryStore();
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final List<DeploymentVerdict> verdicts = new CopyOnWriteArrayList<>();
  private final KnownScans scans = new KnownScans();
  private final LocalEvaluation evaluation =
      new LocalEvaluation(
          store,
          scans,
          List.of(
              new VerdictListener() {
                @Override
                public void evaluated(DeploymentVerdict verdict) {
                  verdicts.add(verdict);
                  events.add(
                      "evaluated "
                          + verdict.deployment().name()
                          + " "
                          + verdict.violations().stream().map(PolicyViolation::policyId).toList());
                }

                @Override
                public void removed(DeploymentRef deployment) {
                  events.add("removed " + deployment.name());
                }
              }),
          () -> "test-cluster",
          Clock.systemUTC(),
          Duration.ofMillis(10));

  @AfterEach
  void stop() {
    evaluation.close();
  }

  @Test
  void podsCountForTheirTopLevelOwnerAndBarePodsAreDeployments() {
    store.upsert(Kube.deployment("shop", "web", "d1", true));
    store.upsert(Kube.owned("ReplicaSet", "shop", "web-1", "rs1", "d1"));
    store.upsert(Kube.owned("Pod", "shop", "web-1-a", "p1", "rs1"));
    store.upsert(Kube.owned("Pod", "shop", "bare", "p2", null));
    store.upsert(Kube.owned("CronJob", "shop", "nightly", "cj1", null));
    store.upsert(Kube.owned("Job", "shop", "nightly-1", "j1", "cj1"));
    store.upsert(Kube.owned("Pod", "shop", "nightly-1-x", "p3", "j1"));
    start(privilegedOnly());

    await(() -> events.size() >= 3);

    assertThat(events)
        .containsExactlyInAnyOrder(
            "evaluated web [privileged-container]", "evaluated bare []", "evaluated nightly []");
    DeploymentVerdict web =
        verdicts.stream()
            .filter(v -> v.deployment().name().equals("web"))
            .findFirst()
            .orElseThrow();
    assertThat(web.deployment())
        .isEqualTo(new DeploymentRef("apps/v1", "Deployment", "shop", "web", "d1"));
    assertThat(web.policyFingerprint()).isEqualTo("test");
    assertThat(web.violations().getFirst().enforcement())
        .containsExactly(EnforcementAction.SCALE_TO_ZERO_ENFORCEMENT);
  }

  @Test
  void aChangeEvaluatesItsDeploymentAndADeletionRemovesIt() {
    store.upsert(Kube.deployment("shop", "web", "d1", false));
    store.upsert(Kube.deployment("shop", "api", "d2", false));
    start(privilegedOnly());
    await(() -> events.size() == 2);
    events.clear();

    store.upsert(Kube.deployment("shop", "web", "d1", true));
    await(() -> events.size() == 1);
    store.delete("d1");
    await(() -> events.size() == 2);

    assertThat(events).containsExactly("evaluated web [privileged-container]", "removed web");
  }

  @Test
  void anExceptionInForceWaivesTheViolation() {
    store.upsert(Kube.namespace("legacy", "ns1"));
    store.upsert(Kube.deployment("legacy", "old", "d1", true));
    start(
        new PolicySet(
            "with-exception",
            List.of(privileged()),
            dev.bulwark.policy.exception.ExceptionReader.parse(
                """
                {"exceptions": [{"name": "legacy", "policies": ["privileged-container"],
                  "scope": {"namespaces": ["legacy"]}, "owner": "o", "reason": "r"}]}
                """,
                "test")));

    await(() -> events.size() == 1);

    assertThat(events).containsExactly("evaluated old []");
  }

  @Test
  void aNewPolicySetEvaluatesEveryDeploymentAgain() {
    store.upsert(Kube.deployment("shop", "web", "d1", true));
    start(new PolicySet("empty", List.of(), List.of()));
    await(() -> events.size() == 1);

    evaluation.policiesChanged(ActivePolicies.compile(privilegedOnly()));
    await(() -> events.size() == 2);

    assertThat(events).containsExactly("evaluated web []", "evaluated web [privileged-container]");
  }

  @Test
  void imagePoliciesSeeTheScanOfTheDigestThePodsRunAndNewDataEvaluatesAgain() {
    String digest = "sha256:" + "ab".repeat(32);
    store.upsert(Kube.deployment("shop", "web", "d1", false));
    store.upsert(Kube.owned("ReplicaSet", "shop", "web-1", "rs1", "d1"));
    store.upsert(
        Kube.object(
            """
            {"apiVersion": "v1", "kind": "Pod",
             "metadata": {"namespace": "shop", "name": "web-1-a", "uid": "p1",
               "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet",
                 "name": "web-1", "uid": "rs1", "controller": true}]},
             "spec": {"containers": [{"name": "c", "image": "nginx:1.25"}]},
             "status": {"containerStatuses": [{"name": "c", "image": "nginx:1.25",
               "imageID": "docker.io/library/nginx@%s"}]}}
            """
                .formatted(digest)));
    start(new PolicySet("images", List.of(ImageFixtures.fixableVulnerabilityPolicy()), List.of()));
    await(() -> events.size() == 1);
    ImageKey running = ImageKey.of(ImageRef.parse("nginx:1.25"), List.of(digest));
    await(() -> scans.inUse.equals(Set.of(running)));

    scans.known.put(running, ImageFixtures.withFixableVulnerability());
    evaluation.imagesChanged(Set.of(new ImageKey("another/name:1", digest)));
    await(() -> events.size() == 2);

    assertThat(events).containsExactly("evaluated web []", "evaluated web [fixable]");
  }

  @Test
  void anImageNoDeploymentUsesAnyMoreIsNoLongerInUse() {
    store.upsert(Kube.deployment("shop", "web", "d1", false));
    start(privilegedOnly());
    ImageKey tag = ImageKey.of(ImageRef.parse("nginx:1.25"), List.of());
    await(() -> scans.inUse.equals(Set.of(tag)));

    store.delete("d1");

    await(() -> scans.inUse.isEmpty());
  }

  /** Scan data the test sets, and the images last said to be in use. */
  private static final class KnownScans implements ImageScans {
    final Map<ImageKey, ImageData> known = new ConcurrentHashMap<>();
    volatile Set<ImageKey> inUse = Set.of();

    @Override
    public Optional<ImageData> get(ImageKey image) {
      return Optional.ofNullable(known.get(image));
    }

    @Override
    public void inUse(Set<ImageKey> images) {
      inUse = Set.copyOf(images);
    }
  }

  private void start(PolicySet set) {
    evaluation.policiesChanged(ActivePolicies.compile(set));
    evaluation.ready();
  }

  private static PolicySet privilegedOnly() {
    return new PolicySet("test", List.of(privileged()), List.of());
  }

  private static Policy privileged() {
    return BuiltinPolicies.all().stream()
        .filter(policy -> policy.id().equals("privileged-container"))
        .findFirst()
        .orElseThrow();
  }

  private static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out");
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
