package dev.bulwark.sensor.evaluation;

import dev.bulwark.core.context.ClusterContext;
import dev.bulwark.core.image.ImageDataProvider;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.workload.Container;
import dev.bulwark.core.workload.Workload;
import dev.bulwark.core.workload.WorkloadExtractor;
import dev.bulwark.policy.engine.EvaluationInput;
import dev.bulwark.policy.engine.PolicyOutcome;
import dev.bulwark.policy.engine.Violation;
import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.Policy;
import dev.bulwark.sensor.images.ImageKey;
import dev.bulwark.sensor.images.ImageScans;
import dev.bulwark.sensor.inventory.InventoryJson;
import dev.bulwark.sensor.inventory.InventoryListener;
import dev.bulwark.sensor.inventory.InventoryStore;
import dev.bulwark.sensor.inventory.ReportedObject;
import dev.bulwark.sensor.policies.ActivePolicies;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploy-time evaluation of the cluster's deployments, as central evaluates what the sensor
 * reports: the same workload model as {@code bulwark check}, the context of the namespaces'
 * Services, Ingresses, Routes, NetworkPolicies, ServiceAccounts, RBAC and the Namespaces, the
 * policy set in force, the scan data central has of the images the deployment's pods run (see
 * {@link ImageScans}), violations waived by annotations or exceptions left out.
 *
 * <p>A change marks what it may affect (its deployment; every deployment of a namespace when
 * context of the namespace changes; the deployments using an image when its scan data changes;
 * everything when cluster RBAC or the policy set changes); marks gather for a moment and are
 * evaluated together on one thread, which calls the {@link VerdictListener}s in order. Deployments
 * gone from the cluster are reported as removed. Thread-safe.
 */
public final class LocalEvaluation implements InventoryListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalEvaluation.class);

  private final InventoryStore store;
  private final ImageScans images;
  private final List<VerdictListener> listeners;
  private final Supplier<String> clusterName;
  private final Clock clock;
  private final Duration debounce;
  private final ScheduledExecutorService evaluator;
  private final Object marks = new Object();
  private final Set<String> dirtyObjects = new HashSet<>();
  private final Set<String> dirtyNamespaces = new HashSet<>();
  private final Map<String, DeploymentRef> known = new HashMap<>();
  // Evaluation thread only: the images each deployment was last evaluated with.
  private final Map<String, Set<ImageKey>> imagesUsed = new HashMap<>();
  private boolean dirtyAll = true;
  private boolean scheduled;
  private volatile boolean ready;
  private volatile @Nullable ActivePolicies policies;

  public LocalEvaluation(
      InventoryStore store,
      ImageScans images,
      List<VerdictListener> listeners,
      Supplier<String> clusterName,
      Clock clock,
      Duration debounce) {
    this.store = store;
    this.images = images;
    this.listeners = List.copyOf(listeners);
    this.clusterName = clusterName;
    this.clock = clock;
    this.debounce = debounce;
    this.evaluator =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> Thread.ofPlatform().name("sensor-evaluation").daemon().unstarted(runnable));
    store.addListener(this);
  }

  /** The cluster is listed: evaluation may begin. */
  public void ready() {
    ready = true;
    schedule();
  }

  /** A new policy set: every deployment is evaluated again. */
  public void policiesChanged(ActivePolicies active) {
    policies = active;
    evaluateAll();
  }

  /** Evaluates every deployment again (such as when the cluster's name changed). */
  public void evaluateAll() {
    synchronized (marks) {
      dirtyAll = true;
    }
    schedule();
  }

  /** New scan data of some images: the deployments using them are evaluated again. */
  public void imagesChanged(Set<ImageKey> changed) {
    if (evaluator.isShutdown()) {
      return;
    }
    Set<String> identities = new HashSet<>();
    changed.forEach(image -> identities.add(image.identity()));
    try {
      evaluator.execute(() -> markUsing(identities));
    } catch (RejectedExecutionException e) {
      // closed meanwhile: nothing is evaluated any more
    }
  }

  private void markUsing(Set<String> identities) {
    synchronized (marks) {
      imagesUsed.forEach((uid, used) -> {
        if (used.stream().anyMatch(image -> identities.contains(image.identity()))) {
          dirtyObjects.add(uid);
        }
      });
    }
    schedule();
  }

  @Override
  public void upserted(@Nullable ReportedObject before, ReportedObject after) {
    mark(after);
  }

  @Override
  public void deleted(ReportedObject before) {
    mark(before);
  }

  private void mark(ReportedObject object) {
    synchronized (marks) {
      switch (object.kind()) {
        case "ClusterRole", "ClusterRoleBinding" -> dirtyAll = true;
        case "Namespace" -> dirtyNamespaces.add(object.name());
        case "Service",
            "Ingress",
            "Route",
            "NetworkPolicy",
            "ServiceAccount",
            "Role",
            "RoleBinding" ->
            dirtyNamespaces.add(object.namespace());
        default -> {
          if (object.workload()) {
            dirtyObjects.add(object.uid());
            // A deleted pod is gone from the ownership: its owner leads to its deployment.
            String owner = object.ownerUid();
            if (owner != null) {
              dirtyObjects.add(owner);
            }
          }
        }
      }
    }
    schedule();
  }

  private void schedule() {
    synchronized (marks) {
      if (scheduled || !ready || evaluator.isShutdown()) {
        return;
      }
      scheduled = true;
    }
    evaluator.schedule(this::round, debounce.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One round: everything marked since the last. */
  void round() {
    ActivePolicies active = policies;
    Set<String> objects;
    Set<String> namespaces;
    boolean all;
    synchronized (marks) {
      scheduled = false;
      if (active == null) {
        return; // marks stay until a policy set arrives
      }
      objects = Set.copyOf(dirtyObjects);
      namespaces = Set.copyOf(dirtyNamespaces);
      all = dirtyAll;
      dirtyObjects.clear();
      dirtyNamespaces.clear();
      dirtyAll = false;
    }
    try {
      evaluate(active, objects, namespaces, all);
      Set<ImageKey> inUse = new HashSet<>();
      imagesUsed.values().forEach(inUse::addAll);
      images.inUse(inUse);
    } catch (RuntimeException e) {
      LOG.error("evaluation failed: {}", e.toString(), e);
    }
  }

  private void evaluate(
      ActivePolicies active, Set<String> objects, Set<String> namespaces, boolean all) {
    Ownership ownership =
        new Ownership(store.objects().stream().filter(ReportedObject::workload).toList());
    Map<String, ReportedObject> deployments = ownership.deployments();
    for (String gone : new ArrayList<>(known.keySet())) {
      if (!deployments.containsKey(gone)) {
        DeploymentRef ref = known.remove(gone);
        imagesUsed.remove(gone);
        if (ref != null) {
          listeners.forEach(listener -> call(() -> listener.removed(ref)));
        }
      }
    }
    Set<String> targets = new HashSet<>();
    if (all) {
      targets.addAll(deployments.keySet());
    } else {
      for (String uid : objects) {
        String root = ownership.rootOf(uid);
        if (root != null) {
          targets.add(root);
        }
      }
      targets.addAll(ownership.deploymentsIn(namespaces));
      deployments.keySet().stream().filter(uid -> !known.containsKey(uid)).forEach(targets::add);
    }
    if (targets.isEmpty()) {
      return;
    }
    List<ReportedObject> evaluated = new ArrayList<>();
    deployments.forEach((uid, deployment) -> {
      if (targets.contains(uid)) {
        evaluated.add(deployment);
      }
    });
    Set<String> targetNamespaces = new HashSet<>();
    evaluated.forEach(deployment -> targetNamespaces.add(deployment.namespace()));
    ClusterContext context = context(all ? null : targetNamespaces);
    Map<String, Map<String, Set<String>>> running = runningDigests(ownership, targets);
    Instant now = clock.instant();
    String cluster = clusterName.get();
    for (ReportedObject deployment : evaluated) {
      verdict(deployment, context, active, cluster, now, running)
          .ifPresent(verdict -> {
            known.put(deployment.uid(), verdict.deployment());
            listeners.forEach(listener -> call(() -> listener.evaluated(verdict)));
          });
    }
  }

  /** Per deployment of {@code targets}, container name to the digests its pods run. */
  private Map<String, Map<String, Set<String>>> runningDigests(
      Ownership ownership, Set<String> targets) {
    Map<String, Map<String, Set<String>>> running = new HashMap<>();
    for (ReportedObject pod : store.objects()) {
      if (pod.runningImages().isEmpty()) {
        continue;
      }
      String root = ownership.rootOf(pod.uid());
      if (root != null && targets.contains(root)) {
        Map<String, Set<String>> containers = running.computeIfAbsent(root, uid -> new HashMap<>());
        pod.runningImages()
            .forEach((container, digest) ->
                containers.computeIfAbsent(container, name -> new HashSet<>()).add(digest));
      }
    }
    return running;
  }

  private Optional<DeploymentVerdict> verdict(
      ReportedObject deployment,
      ClusterContext context,
      ActivePolicies active,
      String cluster,
      Instant now,
      Map<String, Map<String, Set<String>>> running) {
    Optional<ManifestObject> object = InventoryJson.manifest(deployment);
    Optional<Workload> workload = object.flatMap(WorkloadExtractor::extract);
    if (object.isEmpty() || workload.isEmpty()) {
      return Optional.empty();
    }
    Map<String, ImageKey> keys =
        imageKeys(workload.get(), running.getOrDefault(deployment.uid(), Map.of()));
    imagesUsed.put(deployment.uid(), Set.copyOf(keys.values()));
    ImageDataProvider imageData =
        image -> images.get(keys.getOrDefault(image.fullName(), ImageKey.of(image, List.of())));
    EvaluationInput input =
        new EvaluationInput(
            object.get(),
            workload.get(),
            context.contextOf(workload.get()),
            imageData,
            cluster,
            now);
    DeploymentRef ref =
        new DeploymentRef(
            deployment.apiVersion(),
            deployment.kind(),
            deployment.namespace(),
            deployment.name(),
            deployment.uid());
    return Optional.of(
        new DeploymentVerdict(
            ref,
            active.set().fingerprint(),
            violations(active.compiled().evaluate(input, LifecycleStage.DEPLOY)),
            now));
  }

  /**
   * The key of each image name the workload's containers use, as central keys them (the first
   * container's wins).
   */
  private static Map<String, ImageKey> imageKeys(
      Workload workload, Map<String, Set<String>> running) {
    Map<String, ImageKey> keys = new HashMap<>();
    for (Container container : workload.containers()) {
      keys.putIfAbsent(
          container.image().fullName(),
          ImageKey.of(container.image(), running.getOrDefault(container.name(), Set.of())));
    }
    return keys;
  }

  /** The violated policies, leaving out violations an annotation or an exception waives. */
  static List<PolicyViolation> violations(List<PolicyOutcome> outcomes) {
    List<PolicyViolation> violations = new ArrayList<>();
    for (PolicyOutcome outcome : outcomes) {
      List<String> messages = outcome.unwaived().stream().map(Violation::message).toList();
      if (messages.isEmpty()) {
        continue;
      }
      Policy policy = outcome.policy().policy();
      violations.add(
          new PolicyViolation(
              policy.id(),
              policy.name(),
              policy.severity(),
              messages,
              policy.enforcementActions().stream()
                  .filter(action -> action.stage() == LifecycleStage.DEPLOY)
                  .toList()));
    }
    return violations;
  }

  /** The context objects of the namespaces (all when null) and the cluster's RBAC. */
  private ClusterContext context(@Nullable Set<String> namespaces) {
    ClusterContext.Builder builder = ClusterContext.builder();
    for (ReportedObject object : store.objects()) {
      if (!ClusterContext.isContextKind(object.kind())) {
        continue;
      }
      boolean clusterWide =
          object.kind().equals("ClusterRole") || object.kind().equals("ClusterRoleBinding");
      String namespace = object.kind().equals("Namespace") ? object.name() : object.namespace();
      if (clusterWide || namespaces == null || namespaces.contains(namespace)) {
        InventoryJson.manifest(object).ifPresent(builder::add);
      }
    }
    return builder.build();
  }

  private static void call(Runnable listenerCall) {
    try {
      listenerCall.run();
    } catch (RuntimeException e) {
      LOG.error("a verdict listener failed: {}", e.toString(), e);
    }
  }

  @Override
  public void close() {
    evaluator.shutdownNow();
  }
}
