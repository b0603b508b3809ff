package dev.bulwark.sensor.enforcement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.policy.model.EnforcementAction;
import dev.bulwark.sensor.enforcement.PlannedAction.Operation;
import dev.bulwark.sensor.evaluation.DeploymentRef;
import dev.bulwark.sensor.evaluation.DeploymentVerdict;
import dev.bulwark.sensor.evaluation.PolicyViolation;
import dev.bulwark.sensor.evaluation.VerdictListener;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces violated policies with Kubernetes' own actions: scale to zero (suspend for CronJobs), an
 * unsatisfiable node selector, and deleting a pod for runtime detections ({@link #killPod}). Every
 * action taken, refused or skipped for a reason goes to the {@link EnforcementSink}.
 *
 * <p>Guards: nothing is changed in an exempt namespace (the sensor's own, kube-system and any
 * configured); each (deployment, policy, action) is acted on once per generation of the workload,
 * so re-evaluations and restarts (the workload is found already enforced) do nothing more; in
 * dry-run mode what would have been done is recorded and nothing is changed.
 *
 * <p>Threading: the listener methods only queue work (bounded, deduplicated) for one worker thread
 * and return at once; they never throw. {@link #close} stops the worker.
 */
public final class Enforcer implements VerdictListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Enforcer.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int QUEUE_CAPACITY = 1_000;
  private static final int PATCH_ATTEMPTS = 3;
  private static final String DONE_WITHOUT_GENERATION = "-";

  /** One action of one policy on one deployment (or one of its pods). */
  private record Key(String subject, String policyId, EnforcementAction action) {}

  private final KubernetesClient client;
  private final EnforcementSettings settings;
  private final EnforcementSink sink;
  private final Clock clock;
  private final ThreadPoolExecutor worker;
  private final Set<Key> queued = ConcurrentHashMap.newKeySet();

  /**
   * Worker thread only: what each key was last handled at (the workload's generation, a pod's uid),
   * so the same state is never acted on twice.
   */
  private final Map<Key, String> handled = new HashMap<>();

  public Enforcer(
      KubernetesClient client, EnforcementSettings settings, EnforcementSink sink, Clock clock) {
    this.client = client;
    this.settings = settings;
    this.sink = sink;
    this.clock = clock;
    this.worker =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(QUEUE_CAPACITY),
            runnable -> {
              Thread thread = new Thread(runnable, "bulwark-enforcement");
              thread.setDaemon(true);
              return thread;
            });
  }

  @Override
  public void evaluated(DeploymentVerdict verdict) {
    DeploymentRef deployment = verdict.deployment();
    for (PolicyViolation violation : verdict.violations()) {
      for (PlannedAction planned : EnforcementPlanner.plan(deployment, violation.enforcement())) {
        Key key = new Key(deployment.uid(), violation.policyId(), planned.action());
        if (queued.add(key)) {
          submit(
              deployment,
              violation.policyId(),
              planned.action(),
              () -> {
                queued.remove(key);
                enforce(key, deployment, planned);
              },
              () -> queued.remove(key));
        }
      }
    }
  }

  @Override
  public void removed(DeploymentRef deployment) {
    String prefix = deployment.uid() + "/";
    try {
      worker.execute(() ->
          handled
              .keySet()
              .removeIf(key ->
                  key.subject().equals(deployment.uid()) || key.subject().startsWith(prefix)));
    } catch (RejectedExecutionException e) {
      LOG.debug("enforcement queue full or closed; {} is forgotten later", deployment.name());
    }
  }

  /**
   * Deletes pod {@code podName} of {@code deployment} for runtime policy {@code policyId}
   * (KILL_POD_ENFORCEMENT), with the same guards as deploy-time enforcement: never in an exempt
   * namespace, once per pod, recorded either way. Returns at once; thread-safe.
   */
  public void killPod(DeploymentRef deployment, String podName, String policyId) {
    EnforcementAction action = EnforcementAction.KILL_POD_ENFORCEMENT;
    Key key = new Key(deployment.uid() + "/" + podName, policyId, action);
    submit(deployment, policyId, action, () -> kill(key, deployment, podName), () -> {});
  }

  /**
   * Waits until the work queued before this call is done.
   *
   * @return false when it did not finish within {@code timeout}
   */
  public boolean awaitIdle(Duration timeout) {
    try {
      CompletableFuture.runAsync(() -> {}, worker).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException | ExecutionException | RejectedExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Stops taking work, lets queued work finish for up to five seconds, then stops the worker. */
  @Override
  public void close() {
    worker.shutdown();
    try {
      if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
        worker.shutdownNow();
      }
    } catch (InterruptedException e) {
      worker.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private void submit(
      DeploymentRef deployment,
      String policyId,
      EnforcementAction action,
      Runnable work,
      Runnable onRejected) {
    try {
      worker.execute(() -> runGuarded(work));
    } catch (RejectedExecutionException e) {
      onRejected.run();
      record(
          deployment,
          policyId,
          action,
          false,
          "not enforced: the enforcement queue is full ("
              + QUEUE_CAPACITY
              + " actions waiting) or the sensor is stopping; it is retried at the next"
              + " evaluation");
    }
  }

  private static void runGuarded(Runnable work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      LOG.error("enforcement failed unexpectedly", e);
    }
  }

  private void enforce(Key key, DeploymentRef deployment, PlannedAction planned) {
    if (settings.exempts(deployment.namespace())) {
      recordOnce(key, deployment, planned.action(), exemptMessage(deployment.namespace()));
      return;
    }
    if (planned.operation() == Operation.NOT_APPLICABLE) {
      recordOnce(key, deployment, planned.action(), "not applied: " + planned.reason());
      return;
    }
    WorkloadKind kind =
        WorkloadKind.of(deployment)
            .orElseThrow(() -> new IllegalStateException("planned for an unknown kind"));
    String plural = kind.resource(deployment).getPlural();
    Resource<GenericKubernetesResource> resource =
        client
            .genericKubernetesResources(kind.resource(deployment))
            .inNamespace(deployment.namespace())
            .withName(deployment.name());
    for (int attempt = 1; ; attempt++) {
      GenericKubernetesResource workload;
      try {
        workload = resource.get();
      } catch (KubernetesClientException e) {
        record(key, deployment, false, Failures.describe(e, "get", plural, deployment.namespace()));
        return;
      }
      if (workload == null || !deployment.uid().equals(workload.getMetadata().getUid())) {
        record(key, deployment, false, "not applied: the workload is gone");
        return;
      }
      String generation = String.valueOf(workload.getMetadata().getGeneration());
      if (generation.equals(handled.get(key))) {
        return;
      }
      if (EnforcementPatches.inForce(planned.operation(), kind, workload, key.policyId())) {
        handled.put(key, generation);
        return;
      }
      String what =
          EnforcementPatches.describe(planned.operation(), kind, workload, key.policyId());
      if (settings.dryRun()) {
        handled.put(key, generation);
        record(key, deployment, false, "dry run, nothing changed: would have " + what);
        return;
      }
      try {
        GenericKubernetesResource patched =
            resource.patch(
                PatchContext.of(PatchType.JSON_MERGE),
                json(
                    EnforcementPatches.patch(
                        planned.operation(),
                        kind,
                        workload,
                        key.policyId(),
                        planned.action().name(),
                        clock.instant())));
        handled.put(key, String.valueOf(patched.getMetadata().getGeneration()));
        String retried =
            attempt == 1 ? "" : " (after " + (attempt - 1) + " conflicting change(s), retried)";
        record(key, deployment, true, what + retried);
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() == Failures.CONFLICT && attempt < PATCH_ATTEMPTS) {
          continue;
        }
        handled.put(key, generation);
        record(
            key, deployment, false, Failures.describe(e, "patch", plural, deployment.namespace()));
        return;
      }
    }
  }

  private void kill(Key key, DeploymentRef deployment, String podName) {
    if (settings.exempts(deployment.namespace())) {
      recordOnce(key, deployment, key.action(), exemptMessage(deployment.namespace()));
      return;
    }
    PodResource resource = client.pods().inNamespace(deployment.namespace()).withName(podName);
    try {
      Pod pod = resource.get();
      if (pod == null) {
        record(key, deployment, false, "not applied: pod " + podName + " is gone");
        return;
      }
      String podUid = String.valueOf(pod.getMetadata().getUid());
      if (podUid.equals(handled.get(key))) {
        return;
      }
      handled.put(key, podUid);
      if (settings.dryRun()) {
        record(
            key, deployment, false, "dry run, nothing changed: would have deleted pod " + podName);
        return;
      }
      resource.delete();
      record(
          key,
          deployment,
          true,
          "deleted pod " + podName + "; its controller, if any, starts a replacement");
    } catch (KubernetesClientException e) {
      record(
          key, deployment, false, Failures.describe(e, "delete", "pods", deployment.namespace()));
    }
  }

  private static String exemptMessage(String namespace) {
    return "not applied: namespace "
        + namespace
        + " is exempt from enforcement (the sensor's own namespace, kube-system and those"
        + " configured)";
  }

  /** Records a decision that does not depend on the workload's state only once. */
  private void recordOnce(
      Key key, DeploymentRef deployment, EnforcementAction action, String message) {
    if (handled.putIfAbsent(key, DONE_WITHOUT_GENERATION) == null) {
      record(deployment, key.policyId(), action, false, message);
    }
  }

  private void record(Key key, DeploymentRef deployment, boolean applied, String message) {
    record(deployment, key.policyId(), key.action(), applied, message);
  }

  private void record(
      DeploymentRef deployment,
      String policyId,
      EnforcementAction action,
      boolean applied,
      String message) {
    EnforcementRecord record =
        new EnforcementRecord(
            UUID.randomUUID(), deployment, policyId, action, applied, message, clock.instant());
    LOG.info(
        "enforcement {} {} {}/{} policy {}: {}",
        action,
        applied ? "applied to" : "not applied to",
        deployment.namespace(),
        deployment.name(),
        policyId,
        message);
    try {
      sink.enforced(record);
    } catch (RuntimeException e) {
      LOG.error("the enforcement sink failed to take a record", e);
    }
  }

  private static String json(Map<String, Object> patch) {
    try {
      return JSON.writeValueAsString(patch);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
