package dev.bulwark.policy.criteria;

import dev.bulwark.core.context.RbacLevel;
import dev.bulwark.core.context.WorkloadContext;
import dev.bulwark.core.workload.Workload;
import java.util.List;
import java.util.Map;

/** The subject of deployment-level criteria: a workload and what other objects say about it. */
public record WorkloadFacts(Workload workload, WorkloadContext context) {
  /**
   * The context assumed when none was computed: nothing exposes or isolates the workload, its
   * service account has default permissions, and automounting is what the pod spec says.
   */
  public static WorkloadContext isolatedContext(Workload workload) {
    return new WorkloadContext(
        List.of(),
        false,
        false,
        RbacLevel.DEFAULT,
        Map.of(),
        false,
        workload.automountServiceAccountToken());
  }

  /** The kind for messages ("Deployment"), or "Workload" when the object has none. */
  String kindName() {
    return workload.kind().isEmpty() ? "Workload" : workload.kind();
  }
}
