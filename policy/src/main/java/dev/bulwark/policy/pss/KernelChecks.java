package dev.bulwark.policy.pss;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import dev.bulwark.core.manifest.ScalarNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** Checks on the kernel interfaces a pod changes: the /proc mount and sysctls. */
final class KernelChecks {
  private static final String DEFAULT_PROC_MOUNT = "Default";

  /** Namespaced sysctls that are safe for any pod, by the version that allowed them. */
  static final Set<String> SYSCTLS_1_0 =
      Set.of(
          "kernel.shm_rmid_forced",
          "net.ipv4.ip_local_port_range",
          "net.ipv4.tcp_syncookies",
          "net.ipv4.ping_group_range",
          "net.ipv4.ip_unprivileged_port_start");

  static final Set<String> SYSCTLS_1_27 = union(SYSCTLS_1_0, "net.ipv4.ip_local_reserved_ports");

  static final Set<String> SYSCTLS_1_29 =
      union(
          SYSCTLS_1_27,
          "net.ipv4.tcp_keepalive_time",
          "net.ipv4.tcp_fin_timeout",
          "net.ipv4.tcp_keepalive_intvl",
          "net.ipv4.tcp_keepalive_probes");

  static final Set<String> SYSCTLS_1_32 =
      union(SYSCTLS_1_29, "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem");

  static final Set<String> SYSCTLS_1_37 =
      union(SYSCTLS_1_32, "net.ipv4.tcp_slow_start_after_idle", "net.ipv4.tcp_notsent_lowat");

  private KernelChecks() {}

  static @Nullable CheckFailure procMount(PodDefinition pod) {
    Offenders offenders = new Offenders();
    Set<String> values = new TreeSet<>();
    for (PodContainer container : pod.containers()) {
      Node value = container.securityContext().get("procMount");
      if (value instanceof ScalarNode scalar
          && !scalar.isNull()
          && !DEFAULT_PROC_MOUNT.equals(scalar.asText())) {
        values.add(String.valueOf(scalar.asText()));
        offenders.container(container.name(), container.securityContextPath().key("procMount"));
      }
    }
    if (offenders.isEmpty()) {
      return null;
    }
    String hint =
        pod.hasOwnUserNamespace()
            ? ""
            : " (current API servers accept an unmasked /proc only in pods with hostUsers: false)";
    return new CheckFailure(
        "procMount: "
            + offenders.containerList()
            + offenders.verb(" sets", " set")
            + " securityContext.procMount to "
            + Offenders.quoted(values)
            + "; only Default is allowed"
            + hint,
        offenders.firstPath());
  }

  static PodCheckRule sysctls(Set<String> allowed) {
    return pod -> sysctls(pod, allowed);
  }

  private static @Nullable CheckFailure sysctls(PodDefinition pod, Set<String> allowed) {
    List<String> forbidden = new ArrayList<>();
    FieldPath first = null;
    List<Node> items = pod.securityContext().list("sysctls");
    for (int i = 0; i < items.size(); i++) {
      if (!(items.get(i) instanceof MapNode sysctl)) {
        continue;
      }
      String name = Values.text(sysctl, "name");
      if (!allowed.contains(name)) {
        forbidden.add(name);
        if (first == null) {
          first = pod.securityContextPath().key("sysctls").index(i).key("name");
        }
      }
    }
    if (first == null) {
      return null;
    }
    return new CheckFailure(
        Offenders.noun(forbidden.size(), "forbidden sysctl: ", "forbidden sysctls: ")
            + String.join(", ", forbidden)
            + " (only namespaced sysctls that are safe on a shared node may be set)",
        first);
  }

  private static Set<String> union(Set<String> base, String... added) {
    Set<String> out = new HashSet<>(base);
    out.addAll(List.of(added));
    return Set.copyOf(out);
  }
}
