package dev.bulwark.central.inventory;

import dev.bulwark.core.context.ClusterContext;
import dev.bulwark.core.image.ImageDataProvider;
import dev.bulwark.policy.engine.CompiledPolicySet;
import dev.bulwark.policy.model.LifecycleStage;
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
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Evaluates one policy against every stored deployment, as the inventory would at the deploy stage
 * (the same objects and namespace context), and stores nothing. Bounded: it stops after a number of
 * flagged deployments or a time budget, whichever comes first, and says it stopped. Thread-safe.
 */
public final class PolicyDryRun {
  /** Deployments read and evaluated together: one context query and one object query each. */
  private static final int CHUNK = 200;

  private final Jdbi jdbi;
  private final Clock clock;

  public PolicyDryRun(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** A deployment the policy flags, with the messages of its violations. */
  public record Flagged(
      UUID deploymentId,
      UUID clusterId,
      String cluster,
      String namespace,
      String kind,
      String name,
      List<String> messages) {
    public Flagged {
      messages = List.copyOf(messages);
    }
  }

  /**
   * What a dry run found.
   *
   * @param deployments how many deployments the inventory holds
   * @param evaluated how many were evaluated (all of them unless truncated)
   * @param flagged how many of the evaluated ones the policy flags; can exceed the results listed
   * @param truncated whether the run stopped early (results limit or time budget)
   * @param results the flagged deployments, by cluster name, namespace and name; at most the limit
   */
  public record Outcome(
      long deployments, long evaluated, long flagged, boolean truncated, List<Flagged> results) {
    public Outcome {
      results = List.copyOf(results);
    }
  }

  /** A stored deployment to evaluate. */
  private record Candidate(
      UUID id,
      UUID clusterId,
      String cluster,
      String uid,
      String namespace,
      String kind,
      String name) {}

  /**
   * Evaluates {@code compiled} (one policy, with the exceptions that apply) against every
   * deployment.
   *
   * @param limit how many flagged deployments to list at most
   * @param budget how long to evaluate at most
   */
  public Outcome run(CompiledPolicySet compiled, int limit, Duration budget) {
    long deadline = System.nanoTime() + budget.toNanos();
    Instant at = clock.instant();
    return jdbi.withHandle(handle -> {
      List<Candidate> candidates = candidates(handle);
      List<Flagged> results = new ArrayList<>();
      long evaluated = 0;
      long flagged = 0;
      for (int from = 0; from < candidates.size(); from += CHUNK) {
        if (results.size() >= limit || System.nanoTime() > deadline) {
          return new Outcome(candidates.size(), evaluated, flagged, true, results);
        }
        List<Candidate> chunk = candidates.subList(from, Math.min(candidates.size(), from + CHUNK));
        List<Flagged> found = evaluate(handle, chunk, compiled, at);
        evaluated += chunk.size();
        flagged += found.size();
        results.addAll(found.subList(0, Math.min(found.size(), limit - results.size())));
      }
      return new Outcome(candidates.size(), evaluated, flagged, false, results);
    });
  }

  private static List<Candidate> candidates(Handle handle) {
    return handle
        .createQuery(
            "SELECT d.id, d.cluster_id, c.name AS cluster, d.uid, d.namespace, d.kind, d.name"
                + " FROM deployments d JOIN clusters c ON c.id = d.cluster_id"
                + " ORDER BY c.name, d.cluster_id, d.namespace, d.name, d.id")
        .map((rows, context) ->
            new Candidate(
                rows.getObject("id", UUID.class),
                rows.getObject("cluster_id", UUID.class),
                rows.getString("cluster"),
                rows.getString("uid"),
                rows.getString("namespace"),
                rows.getString("kind"),
                rows.getString("name")))
        .list();
  }

  /** Evaluates a chunk, cluster by cluster; the flagged ones in the chunk's order. */
  private static List<Flagged> evaluate(
      Handle handle, List<Candidate> chunk, CompiledPolicySet compiled, Instant at) {
    Map<UUID, List<Candidate>> byCluster = new HashMap<>();
    chunk.forEach(candidate ->
        byCluster.computeIfAbsent(candidate.clusterId(), id -> new ArrayList<>()).add(candidate));
    Map<String, List<String>> messages = new HashMap<>();
    byCluster.forEach((cluster, candidates) -> {
      Set<String> namespaces = new HashSet<>();
      candidates.forEach(candidate -> namespaces.add(candidate.namespace()));
      ClusterContext context = StoredWorkloads.context(handle, cluster, namespaces);
      String clusterName = candidates.getFirst().cluster();
      List<String> uids = candidates.stream().map(Candidate::uid).toList();
      List<StoredWorkloads.Read> reads =
          StoredWorkloads.objects(handle, cluster, uids).parallelStream()
              .map(json -> StoredWorkloads.read(DeploymentRefresh.tree(json), context))
              .flatMap(Optional::stream)
              .toList();
      Map<String, Map<String, Set<String>>> running =
          StoredWorkloads.runningDigests(handle, cluster, uids);
      ScannedImages images = ScannedImages.load(handle, reads, running);
      reads.parallelStream()
          .map(read ->
              Map.entry(
                  cluster + "/" + read.uid(),
                  messages(read, images.provider(read, running), compiled, clusterName, at)))
          .filter(entry -> !entry.getValue().isEmpty())
          .toList()
          .forEach(entry -> messages.put(entry.getKey(), entry.getValue()));
    });
    List<Flagged> flagged = new ArrayList<>();
    for (Candidate candidate : chunk) {
      List<String> found = messages.get(candidate.clusterId() + "/" + candidate.uid());
      if (found != null) {
        flagged.add(
            new Flagged(
                candidate.id(),
                candidate.clusterId(),
                candidate.cluster(),
                candidate.namespace(),
                candidate.kind(),
                candidate.name(),
                found));
      }
    }
    return flagged;
  }

  private static List<String> messages(
      StoredWorkloads.Read read,
      ImageDataProvider images,
      CompiledPolicySet compiled,
      String cluster,
      Instant at) {
    return DeploymentRefresh.violations(
            compiled.evaluate(read.input(images, cluster, at), LifecycleStage.DEPLOY))
        .stream()
        .flatMap(violation -> violation.messages().stream())
        .toList();
  }
}
