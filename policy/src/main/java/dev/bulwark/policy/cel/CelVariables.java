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
 * The CEL variables of one object, each built the first time a rule reads it and then shared by
 * every rule of every policy evaluated on that object. Create one per object with {@link #of};
 * confined to the thread evaluating that object, hence not thread-safe.
 */
public final class CelVariables {
  private final ManifestObject manifestObject;
  private final @Nullable Workload view;
  private final @Nullable WorkloadContext context;
  private @Nullable Map<String, Object> object;
  private @Nullable List<Map<String, Object>> containerMaps;
  private @Nullable Map<String, Object> workload;

  private CelVariables(
      ManifestObject manifestObject, @Nullable Workload view, @Nullable WorkloadContext context) {
    this.manifestObject = manifestObject;
    this.view = view;
    this.context = context;
  }

  /** The variables of one object; nothing is built until a rule reads it. */
  public static CelVariables of(
      ManifestObject manifestObject, @Nullable Workload view, @Nullable WorkloadContext context) {
    return new CelVariables(manifestObject, view, context);
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
