package dev.bulwark.policy.check;

import java.util.List;
import java.util.Map;

/** {@code procMount: Unmasked} turns off the runtime's masking of /proc for the container. */
final class UnmaskedProcMountCheck implements NativeCheck {
  @Override
  public String id() {
    return "unmasked-proc-mount";
  }

  @Override
  public String summary() {
    return "The container's securityContext.procMount is Unmasked.";
  }

  @Override
  public Target target() {
    return Target.CONTAINERS;
  }

  @Override
  public List<CheckParameter> parameters() {
    return List.of();
  }

  @Override
  public CheckEvaluator bind(Map<String, String> parameters) {
    return (CheckEvaluator.PerContainer)
        (container, workload, findings) -> {
          if ("Unmasked".equals(container.securityContext().procMount())) {
            findings.violation(
                "Container \"" + container.name() + "\" uses an unmasked /proc mount",
                container.securityContext().source("procMount"));
          }
        };
  }
}
