package dev.bulwark.policy.cel;

import dev.bulwark.core.context.WorkloadContext;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.workload.Container;
import dev.bulwark.core.workload.Workload;
import dev.cel.runtime.CelVariableResolver;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The variables of one {@link CelRuleSet#evaluate} call, each built the first time a rule reads it
 * and then shared by the call's other rules. Confined to that call, hence not thread-safe.
 */
final class Variables {
  private final ManifestObject manifestObject;
  private final @Nullable Workload view;
  private final @Nullable WorkloadContext context;
  private @Nullable Map<String, Object> object;
  private @Nullable List<Map<String, Object>> containerMaps;
  private @Nullable Map<String, Object> workload;

  Variables(
      ManifestObject manifestObject, @Nullable Workload view, @Nullable WorkloadContext context) {
    this.manifestObject = manifestObject;
    this.view = view;
    this.context = context;
  }

  /** Containers of the workload, in workload order; empty when the object runs no pods. */
  List<Container> containers() {
    return view == null ? List.of() : view.containers();
  }

  /** Resolves the variables of a rule that runs once per object: {@code container} is empty. */
  CelVariableResolver forObject() {
    return name -> find(name, Map.of());
  }

  /** Resolves the variables of a rule run for the container at {@code index} of the workload. */
  CelVariableResolver forContainer(int index) {
    Map<String, Object> container = containerMaps().get(index);
    return name -> find(name, container);
  }

  private Optional<Object> find(String name, Map<String, Object> container) {
    return switch (name) {
      case CelEnvironment.OBJECT -> Optional.of(object());
      case CelEnvironment.WORKLOAD -> Optional.of(workload());
      case CelEnvironment.CONTAINER -> Optional.of(container);
      default -> Optional.empty();
    };
  }

  private Map<String, Object> object() {
    if (object == null) {
      object = ManifestView.of(manifestObject.root());
    }
    return object;
  }

  private List<Map<String, Object>> containerMaps() {
    if (containerMaps == null) {
      containerMaps = containers().stream().map(WorkloadVariables::container).toList();
    }
    return containerMaps;
  }

  private Map<String, Object> workload() {
    if (workload == null) {
      workload =
          view == null ? Map.of() : WorkloadVariables.workload(view, context, containerMaps());
    }
    return workload;
  }
}
