package dev.bulwark.policy.check;

import dev.bulwark.core.context.ObjectSelector;
import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.MapNode;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Service whose selector matches the pods of no workload in its namespace routes traffic nowhere:
 * usually a label typo, or a workload renamed without its Service. Services without a selector
 * (their endpoints are managed by hand) and ExternalName Services select no pods and are skipped.
 *
 * <p>Labels that only running pods carry, added by Kubernetes' controllers (such as {@code
 * statefulset.kubernetes.io/pod-name} for a Service per StatefulSet pod), never appear in a pod
 * template, so they are left out of the selector before it is matched.
 */
final class DanglingServiceCheck implements NativeCheck {
  private static final FieldPath SELECTOR = FieldPath.of("spec", "selector");
  static final String IGNORED_LABELS = "ignoredLabels";
  private static final Set<String> RUNTIME_LABELS =
      Set.of(
          "pod-template-hash",
          "controller-revision-hash",
          "statefulset.kubernetes.io/pod-name",
          "apps.kubernetes.io/pod-index",
          "batch.kubernetes.io/job-completion-index",
          "batch.kubernetes.io/controller-uid",
          "batch.kubernetes.io/job-name",
          "controller-uid",
          "job-name");

  @Override
  public String id() {
    return "dangling-service";
  }

  @Override
  public String summary() {
    return "The Service's selector matches the pod labels of no workload in its namespace of the"
        + " input.";
  }

  @Override
  public Target target() {
    return Target.INPUT;
  }

  @Override
  public List<CheckParameter> parameters() {
    return List.of(
        new CheckParameter(
            IGNORED_LABELS,
            "Comma-separated label keys left out of the selector before it is matched, for labels"
                + " that something other than the pod template puts on pods.",
            "only the labels Kubernetes' controllers add to running pods, such as"
                + " pod-template-hash and statefulset.kubernetes.io/pod-name, are left out"));
  }

  @Override
  public CheckEvaluator bind(Map<String, String> parameters) {
    Set<String> ignored = new HashSet<>(RUNTIME_LABELS);
    ignored.addAll(References.commaSeparated(parameters.get(IGNORED_LABELS)));
    return (CheckEvaluator.AcrossInput)
        (object, workload) -> {
          if (!References.is(object, "", "Service")) {
            return null;
          }
          MapNode spec = object.root().map("spec");
          if (spec == null || "ExternalName".equals(References.text(spec, "type"))) {
            return null;
          }
          Map<String, String> selector = spec.stringMap("selector");
          if (selector.isEmpty()) {
            return null;
          }
          ObjectSelector written = new ObjectSelector(selector, List.of(), true);
          ObjectSelector required = withoutIgnored(written, ignored);
          String namespace = object.namespaceOrDefault();
          LocatedField field = LocatedField.of(object, SELECTOR);
          return (input, findings) -> {
            if (!input.selectsPods(namespace, required)) {
              findings.violation(
                  "No workload in namespace \""
                      + namespace
                      + "\" of the input runs pods labelled "
                      + written.describe()
                      + ", so the Service has no endpoints",
                  field);
            }
          };
        };
  }

  private static ObjectSelector withoutIgnored(ObjectSelector selector, Set<String> ignored) {
    if (Collections.disjoint(selector.matchLabels().keySet(), ignored)) {
      return selector;
    }
    Map<String, String> matched = new HashMap<>(selector.matchLabels());
    matched.keySet().removeAll(ignored);
    return new ObjectSelector(matched, List.of(), true);
  }
}
