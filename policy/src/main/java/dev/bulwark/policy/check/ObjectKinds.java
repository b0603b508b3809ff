package dev.bulwark.policy.check;

import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.workload.Workload;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code kinds} parameter of checks that could apply to any object: a comma-separated list of
 * kinds, where {@code workloads} stands for every object that runs pods and {@code *} for every
 * object.
 */
record ObjectKinds(List<String> kinds) {
  static final String PARAMETER = "kinds";
  static final String WORKLOADS = "workloads";
  private static final String EVERY = "*";

  ObjectKinds {
    kinds = List.copyOf(kinds);
  }

  static CheckParameter parameter() {
    return new CheckParameter(
        PARAMETER,
        "Comma-separated kinds to check, such as ServiceAccount; \"workloads\" stands for every"
            + " object that runs pods and * for every object.",
        WORKLOADS);
  }

  static ObjectKinds read(Map<String, String> parameters) throws InvalidCheckParameterException {
    return new ObjectKinds(Parameters.list(parameters, PARAMETER, List.of(WORKLOADS)));
  }

  boolean includes(ManifestObject object, @Nullable Workload workload) {
    return kinds.contains(EVERY)
        || kinds.contains(object.kind())
        || (kinds.contains(WORKLOADS) && PodOwners.runsPods(object, workload));
  }
}
