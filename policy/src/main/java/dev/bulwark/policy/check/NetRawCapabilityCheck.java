package dev.bulwark.policy.check;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.workload.SecurityContext;
import java.util.List;
import java.util.Map;

/**
 * NET_RAW judged only where a container writes its capabilities, as kube-linter does: adding
 * NET_RAW (or ALL) is one finding, a capabilities list that does not drop NET_RAW (or ALL) is
 * another. A container that writes no capabilities is left alone; the stricter built-in {@code
 * drop-net-raw} criterion flags it too, since it keeps NET_RAW by default.
 */
final class NetRawCapabilityCheck implements NativeCheck {
  private static final String NET_RAW = "NET_RAW";
  private static final String ALL = "ALL";

  @Override
  public String id() {
    return "net-raw-capability";
  }

  @Override
  public String summary() {
    return "The container writes securityContext.capabilities and adds NET_RAW (or ALL), or does"
        + " not drop NET_RAW (or ALL); containers that write no capabilities are not judged.";
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
          FieldPath capabilities = container.path().key("securityContext").key("capabilities");
          if (!(capabilities.find(workload.object().root()) instanceof MapNode)) {
            return;
          }
          SecurityContext context = container.securityContext();
          String subject = "Container \"" + container.name() + "\"";
          List<String> added = context.addCapabilities();
          if (added.contains(NET_RAW) || added.contains(ALL)) {
            findings.violation(
                subject + " adds capability NET_RAW" + (added.contains(NET_RAW) ? "" : " (ALL)"),
                context.source("capabilities.add"));
          }
          List<String> dropped = context.dropCapabilities();
          if (!dropped.contains(NET_RAW) && !dropped.contains(ALL)) {
            findings.violation(
                subject + " lists capabilities without dropping NET_RAW",
                context.source("capabilities.drop"));
          }
        };
  }
}
