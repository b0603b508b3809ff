package dev.bulwark.policy.check;

import dev.bulwark.core.workload.SecurityContext;
import java.util.List;
import java.util.Map;

/**
 * A container may run as root unless its effective security context (container values over pod
 * values) sets {@code runAsNonRoot: true} or a non-zero {@code runAsUser}. With neither, the user
 * comes from the image, which is root unless the image says otherwise. An explicit {@code
 * runAsGroup: 0} is reported too: the root group owns much of an image's file system.
 */
final class RunAsRootCheck implements NativeCheck {
  @Override
  public String id() {
    return "run-as-root";
  }

  @Override
  public String summary() {
    return "The container sets neither runAsNonRoot: true nor a non-zero runAsUser (container or"
        + " pod level), or sets runAsUser: 0, or runAsGroup: 0.";
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
          SecurityContext context = container.securityContext();
          String subject = "Container \"" + container.name() + "\"";
          Long group = context.runAsGroup();
          if (group != null && group == 0) {
            findings.violation(
                subject + " runs with the root group: runAsGroup is 0",
                context.source("runAsGroup"));
          }
          Long user = context.runAsUser();
          if (Boolean.TRUE.equals(context.runAsNonRoot()) || (user != null && user > 0)) {
            return;
          }
          if (user != null) {
            findings.violation(
                subject + " runs as root: runAsUser is 0", context.source("runAsUser"));
          } else {
            findings.violation(
                subject + " may run as root: neither runAsNonRoot nor a non-zero runAsUser is set",
                context.source("runAsNonRoot"));
          }
        };
  }
}
