package dev.bulwark.policy.check;

import dev.bulwark.core.context.InputIndex;
import dev.bulwark.core.context.ObjectSelector;
import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.MapNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A Prometheus operator ServiceMonitor scrapes the Services its {@code selector} matches in the
 * namespaces its {@code namespaceSelector} names ({@code any: true}, or {@code matchNames}); when
 * none of the input's Services qualifies, nothing is scraped. Without a namespaceSelector the
 * operator looks in the ServiceMonitor's own namespace; a ServiceMonitor that does not name its
 * namespace lands wherever it is applied, so then a Service of any namespace counts.
 */
final class DanglingServiceMonitorCheck implements NativeCheck {
  @Override
  public String id() {
    return "dangling-servicemonitor";
  }

  @Override
  public String summary() {
    return "The ServiceMonitor's selector and namespaceSelector match no Service of the input.";
  }

  @Override
  public Target target() {
    return Target.INPUT;
  }

  @Override
  public List<CheckParameter> parameters() {
    return List.of();
  }

  @Override
  public CheckEvaluator bind(Map<String, String> parameters) {
    return (CheckEvaluator.AcrossInput)
        (object, workload) -> {
          if (!References.is(object, "monitoring.coreos.com", "ServiceMonitor")) {
            return null;
          }
          MapNode spec = object.root().map("spec");
          ObjectSelector selector =
              ObjectSelector.parse(spec == null ? null : spec.map("selector"));
          Set<String> namespaces = namespaces(spec, object.namespace());
          LocatedField field =
              LocatedField.of(
                  object,
                  spec != null && spec.has("selector")
                      ? FieldPath.of("spec", "selector")
                      : FieldPath.of("spec", "namespaceSelector"));
          return (input, findings) -> {
            for (InputIndex.IndexedService service : input.services()) {
              if ((namespaces == null || namespaces.contains(service.namespace()))
                  && selector.matches(service.labels())) {
                return;
              }
            }
            findings.violation(
                "The selector "
                    + selector.describe()
                    + " matches no Service "
                    + (namespaces == null ? "of the input" : "in " + describe(namespaces)),
                field);
          };
        };
  }

  private static String describe(Set<String> namespaces) {
    StringBuilder out = new StringBuilder(namespaces.size() == 1 ? "namespace " : "namespaces ");
    String separator = "";
    for (String namespace : namespaces) {
      out.append(separator).append('"').append(namespace).append('"');
      separator = ", ";
    }
    return out.append(" of the input").toString();
  }

  /** The namespaces whose Services count, sorted; null for every namespace. */
  private static @Nullable Set<String> namespaces(
      @Nullable MapNode spec, @Nullable String ownNamespace) {
    MapNode namespaceSelector = spec == null ? null : spec.map("namespaceSelector");
    if (namespaceSelector != null) {
      if (Boolean.TRUE.equals(namespaceSelector.bool("any"))) {
        return null;
      }
      List<String> names = namespaceSelector.strings("matchNames");
      if (!names.isEmpty()) {
        return new TreeSet<>(names);
      }
    }
    return ownNamespace == null || ownNamespace.isBlank() ? null : Set.of(ownNamespace);
  }
}
