package dev.bulwark.central.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.central.alerts.AlertReconciler;
import dev.bulwark.central.alerts.AlertStore;
import dev.bulwark.central.alerts.AlertSubject;
import dev.bulwark.central.api.FieldError;
import dev.bulwark.central.auth.TokenStore;
import dev.bulwark.central.clusters.ClusterStore;
import dev.bulwark.central.policies.ActivePolicies;
import dev.bulwark.central.policies.PolicyStore;
import dev.bulwark.central.storage.Database;
import dev.bulwark.central.storage.DatabaseException;
import dev.bulwark.central.testing.TestDatabases;
import dev.bulwark.policy.builtin.BuiltinPolicies;
import dev.bulwark.policy.model.Policy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

/**
 * Not part of the suite (its name does not end in Test): the resync of the sensor's scale test,
 * 1,000 namespaces, 2,500 Deployments with a ReplicaSet each and 10,000 pods, evaluated with every
 * built-in policy. Run it with {@code -Dtest=InventoryScaleBenchmark}; it prints its timings.
 */
class InventoryScaleBenchmark {
  private static final int NAMESPACES = 1_000;
  private static final int DEPLOYMENTS = 2_500;
  private static final int PODS_PER_DEPLOYMENT = 4;

  @Test
  void resyncOfTheScaleTestShape() throws DatabaseException {
    Clock clock = Clock.systemUTC();
    try (Database database = Database.open(TestDatabases.fresh(), 4)) {
      var jdbi = database.jdbi();
      UUID cluster =
          new ClusterStore(jdbi, new TokenStore(jdbi, clock), clock)
              .register("scale", "benchmark")
              .cluster()
              .id();
      PolicyStore policies = new PolicyStore(jdbi, clock);
      for (Policy policy : BuiltinPolicies.all()) {
        policies.create(policy, "benchmark");
      }
      AtomicInteger evaluated = new AtomicInteger();
      AtomicInteger violations = new AtomicInteger();
      // The real alert store (without notifiers), so that the times include writing the alerts.
      AlertStore store = new AlertStore(jdbi, clock, List.of());
      AlertReconciler counting =
          new AlertReconciler() {
            @Override
            public void evaluatedAll(
                Handle handle, List<AlertReconciler.Evaluation> evaluations, Instant at) {
              evaluated.addAndGet(evaluations.size());
              evaluations.forEach(each -> violations.addAndGet(each.violations().size()));
              store.evaluatedAll(handle, evaluations, at);
            }

            @Override
            public void removed(Handle handle, AlertSubject subject, Instant at) {
              store.removed(handle, subject, at);
            }
          };
      Inventory inventory = new Inventory(jdbi, new ActivePolicies(jdbi, clock), counting, clock);

      // A warm-up on another cluster, so that the numbers are a running central's, not a cold
      // JVM's.
      UUID warmUp =
          new ClusterStore(jdbi, new TokenStore(jdbi, clock), clock)
              .register("warm-up", "benchmark")
              .cluster()
              .id();
      inventory.resync(warmUp, 1, objects());

      long readStart = System.nanoTime();
      List<InventoryObject> objects = objects();
      long read = System.nanoTime() - readStart;

      long first = time(() -> inventory.resync(cluster, 1, objects));
      long second = time(() -> inventory.resync(cluster, 2, objects));
      long reprocess = time(() -> inventory.reprocess(cluster, Duration.ZERO));

      System.out.printf(
          "objects: %d; parsing and reading them: %d ms; first resync: %d ms;"
              + " same resync again: %d ms; full reprocessing: %d ms; evaluations: %d;"
              + " violations: %d%n",
          objects.size(),
          read / 1_000_000,
          first / 1_000_000,
          second / 1_000_000,
          reprocess / 1_000_000,
          evaluated.get(),
          violations.get());
      assertThat(inventory.state(cluster).objects()).isEqualTo(objects.size());
    }
  }

  private static long time(Runnable run) {
    long start = System.nanoTime();
    run.run();
    return System.nanoTime() - start;
  }

  private static List<InventoryObject> objects() {
    List<String> json = new ArrayList<>();
    for (int n = 0; n < NAMESPACES; n++) {
      json.add(Kube.namespace("ns-" + n, "ns-uid-" + n));
    }
    for (int d = 0; d < DEPLOYMENTS; d++) {
      String namespace = "ns-" + (d % NAMESPACES);
      json.add(Kube.deployment(namespace, "app-" + d, "d-" + d, d % 10 == 0));
      json.add(Kube.replicaSet(namespace, "app-" + d + "-rs", "rs-" + d, "d-" + d, d % 10 == 0));
      for (int p = 0; p < PODS_PER_DEPLOYMENT; p++) {
        json.add(
            Kube.pod(
                namespace,
                "app-" + d + "-" + p,
                "p-" + d + "-" + p,
                "rs-" + d,
                "ReplicaSet",
                d % 10 == 0,
                Kube.DIGEST));
      }
    }
    List<InventoryObject> objects = new ArrayList<>(json.size());
    for (String text : json) {
      List<FieldError> errors = new ArrayList<>();
      objects.add(InventoryObject.read(Kube.tree(text), "", errors).orElseThrow());
    }
    return objects;
  }
}
