package dev.bulwark.policy.check;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import java.util.List;
import java.util.Map;

/**
 * A pod that sets a sysctl of the unsafe families (IPC, message queues, networking) other than the
 * ones Kubernetes allows by default. Such sysctls are namespaced only in part: they can change the
 * behaviour of other pods on the node or starve it, and the kubelet refuses them unless an
 * administrator allowed them.
 */
final class UnsafeSysctlCheck implements NativeCheck {
  static final String PREFIXES = "prefixes";
  static final String ALLOWED = "allowed";
  private static final List<String> UNSAFE_PREFIXES =
      List.of("kernel.msg", "kernel.sem", "kernel.shm", "fs.mqueue.", "net.");
  private static final List<String> SAFE =
      List.of(
          "kernel.shm_rmid_forced",
          "net.ipv4.ip_local_port_range",
          "net.ipv4.ip_local_reserved_ports",
          "net.ipv4.ip_unprivileged_port_start",
          "net.ipv4.ping_group_range",
          "net.ipv4.tcp_fin_timeout",
          "net.ipv4.tcp_keepalive_intvl",
          "net.ipv4.tcp_keepalive_probes",
          "net.ipv4.tcp_keepalive_time",
          "net.ipv4.tcp_syncookies");

  @Override
  public String id() {
    return "unsafe-sysctl";
  }

  @Override
  public String summary() {
    return "The pod's securityContext.sysctls sets a sysctl whose name starts with an unsafe prefix"
        + " and that is not in the allowed list.";
  }

  @Override
  public Target target() {
    return Target.OBJECTS;
  }

  @Override
  public List<CheckParameter> parameters() {
    return List.of(
        new CheckParameter(
            PREFIXES,
            "Comma-separated prefixes of unsafe sysctl names.",
            String.join(",", UNSAFE_PREFIXES)),
        new CheckParameter(
            ALLOWED,
            "Comma-separated sysctls allowed although they have an unsafe prefix.",
            "the sysctls Kubernetes considers safe, such as net.ipv4.ip_local_port_range"));
  }

  @Override
  public CheckEvaluator bind(Map<String, String> parameters) throws InvalidCheckParameterException {
    List<String> prefixes = Parameters.list(parameters, PREFIXES, UNSAFE_PREFIXES);
    List<String> allowed = Parameters.list(parameters, ALLOWED, SAFE);
    return (CheckEvaluator.PerObject)
        (object, workload, findings) -> {
          FieldPath specPath = PodOwners.specPath(object, workload);
          MapNode spec = PodOwners.spec(object, workload);
          MapNode context = spec == null ? null : spec.map("securityContext");
          if (specPath == null || context == null) {
            return;
          }
          List<Node> sysctls = context.list("sysctls");
          for (int i = 0; i < sysctls.size(); i++) {
            String name = sysctls.get(i) instanceof MapNode sysctl ? sysctl.string("name") : null;
            if (name != null
                && !allowed.contains(name)
                && prefixes.stream().anyMatch(name::startsWith)) {
              findings.violation(
                  object.kind() + " \"" + object.name() + "\" sets unsafe sysctl " + name,
                  specPath.key("securityContext").key("sysctls").index(i).key("name"));
            }
          }
        };
  }
}
