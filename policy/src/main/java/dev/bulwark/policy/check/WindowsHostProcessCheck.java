package dev.bulwark.policy.check;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.MapNode;
import java.util.List;
import java.util.Map;

/**
 * A Windows HostProcess container runs directly on the node with the node's privileges, outside any
 * container isolation. The container's {@code windowsOptions.hostProcess} wins over the pod's, as
 * the kubelet applies it.
 */
final class WindowsHostProcessCheck implements NativeCheck {
  private static final FieldPath HOST_PROCESS =
      FieldPath.of("securityContext", "windowsOptions", "hostProcess");

  @Override
  public String id() {
    return "windows-host-process";
  }

  @Override
  public String summary() {
    return "The container's securityContext.windowsOptions.hostProcess is true, set on the"
        + " container or inherited from the pod.";
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
          MapNode root = workload.object().root();
          FieldPath own = container.path().resolve(HOST_PROCESS);
          FieldPath inherited = workload.podSpecPath().resolve(HOST_PROCESS);
          Boolean containerValue = ManifestFields.bool(root, own);
          FieldPath source = containerValue != null ? own : inherited;
          if (Boolean.TRUE.equals(ManifestFields.bool(root, source))) {
            findings.violation(
                "Container \""
                    + container.name()
                    + "\" runs as a Windows HostProcess container, with the node's privileges",
                source);
          }
        };
  }
}
