package dev.bulwark.policy.check;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import dev.bulwark.core.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A workload with several replicas and no pod anti-affinity that spreads them over nodes: the
 * scheduler may put every replica on one node, and losing that node loses them all. An
 * anti-affinity term counts when its topology key is the node (or matches the chosen key), it
 * applies to the pod's own namespace and its label selector selects the workload's own pods.
 */
final class AntiAffinityCheck implements NativeCheck {
  static final String MINIMUM_REPLICAS = "minimumReplicas";
  static final String TOPOLOGY_KEY = "topologyKey";
  private static final String HOSTNAME = "kubernetes.io/hostname";
  private static final List<String> TERM_KINDS =
      List.of(
          "preferredDuringSchedulingIgnoredDuringExecution",
          "requiredDuringSchedulingIgnoredDuringExecution");

  @Override
  public String id() {
    return "pod-anti-affinity";
  }

  @Override
  public String summary() {
    return "A workload with at least the given replicas has no pod anti-affinity term that keeps"
        + " its own pods apart by the topology key.";
  }

  @Override
  public Target target() {
    return Target.OBJECTS;
  }

  @Override
  public List<CheckParameter> parameters() {
    return List.of(
        new CheckParameter(MINIMUM_REPLICAS, "Workloads with fewer replicas are not judged.", "2"),
        new CheckParameter(
            TOPOLOGY_KEY,
            "RE2 expression the term's topologyKey must match (a leading ! negates it).",
            HOSTNAME));
  }

  @Override
  public CheckEvaluator bind(Map<String, String> parameters) throws InvalidCheckParameterException {
    int minimum = Parameters.integer(parameters, MINIMUM_REPLICAS, 2, 1);
    TextMatcher topologyKey =
        TextMatcher.compile(
            TOPOLOGY_KEY, Parameters.text(parameters, TOPOLOGY_KEY, "kubernetes\\.io/hostname"));
    return (CheckEvaluator.PerObject)
        (object, workload, findings) -> {
          Integer replicas = PodOwners.replicas(object, workload);
          FieldPath specPath = PodOwners.specPath(object, workload);
          if (replicas == null || replicas < minimum || specPath == null) {
            return;
          }
          FieldPath antiAffinityPath = specPath.key("affinity").key("podAntiAffinity");
          MapNode antiAffinity = ManifestFields.map(object.root(), antiAffinityPath);
          String subject =
              object.kind() + " \"" + object.name() + "\" runs " + replicas + " replicas but ";
          List<String> problems = new ArrayList<>();
          boolean anyTerm = false;
          for (String termKind : TERM_KINDS) {
            List<Node> terms = antiAffinity == null ? List.of() : antiAffinity.list(termKind);
            for (Node item : terms) {
              anyTerm = true;
              MapNode term = term(item, termKind);
              String problem =
                  term == null ? "a term is empty" : problem(term, object, workload, topologyKey);
              if (problem == null) {
                return;
              }
              problems.add(problem);
            }
          }
          if (!anyTerm) {
            findings.violation(
                subject + "has no pod anti-affinity to spread them over nodes",
                antiAffinity == null ? specPath : antiAffinityPath);
            return;
          }
          for (String problem : problems) {
            findings.violation(
                subject + "its pod anti-affinity does not spread them: " + problem,
                antiAffinityPath);
          }
        };
  }

  /** The pod affinity term: preferred terms wrap it in {@code podAffinityTerm}. */
  private static @Nullable MapNode term(Node item, String termKind) {
    if (!(item instanceof MapNode map)) {
      return null;
    }
    return termKind.startsWith("preferred") ? map.map("podAffinityTerm") : map;
  }

  private static @Nullable String problem(
      MapNode term, ManifestObject object, @Nullable Workload workload, TextMatcher topologyKey) {
    String namespace = Objects.requireNonNullElse(object.namespace(), "default");
    List<String> namespaces = term.strings("namespaces");
    if (!namespaces.isEmpty() && !namespaces.contains(namespace)) {
      return "it applies to namespaces "
          + String.join(", ", namespaces)
          + ", not the pods' namespace "
          + namespace;
    }
    String key = Objects.requireNonNullElse(term.string("topologyKey"), "");
    if (!topologyKey.matches(key)) {
      return "its topology key \"" + key + "\" does not match " + topologyKey.source();
    }
    MapNode selector = term.map("labelSelector");
    Map<String, String> podLabels = PodOwners.podLabels(object, workload);
    if (selector == null || !LabelSelectors.matches(selector, podLabels)) {
      return "its label selector does not select the workload's pods ("
          + LabelSelectors.describe(podLabels)
          + ")";
    }
    return null;
  }
}
