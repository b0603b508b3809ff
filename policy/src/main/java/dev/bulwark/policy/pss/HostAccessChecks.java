package dev.bulwark.policy.pss;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** Baseline checks on what of the node a pod reaches: namespaces, ports, probes, host process. */
final class HostAccessChecks {
  private static final List<String> HOST_NAMESPACES = List.of("hostNetwork", "hostPID", "hostIPC");
  private static final List<String> PROBES =
      List.of("livenessProbe", "readinessProbe", "startupProbe");
  private static final List<String> LIFECYCLE_HANDLERS = List.of("postStart", "preStop");
  private static final List<String> HANDLER_KINDS = List.of("httpGet", "tcpSocket");

  private HostAccessChecks() {}

  static @Nullable CheckFailure hostNamespaces(PodDefinition pod) {
    Offenders offenders = new Offenders();
    List<String> shared = new ArrayList<>();
    for (String key : HOST_NAMESPACES) {
      if (Values.isTrue(pod.spec(), key)) {
        shared.add(key + "=true");
        offenders.remember(pod.specPath().key(key));
      }
    }
    if (offenders.isEmpty()) {
      return null;
    }
    return new CheckFailure(
        "host namespaces: the pod shares namespaces with the node ("
            + String.join(", ", shared)
            + ")",
        offenders.firstPath());
  }

  static @Nullable CheckFailure hostPorts(PodDefinition pod) {
    Offenders offenders = new Offenders();
    Set<Long> ports = new TreeSet<>();
    for (PodContainer container : pod.containers()) {
      boolean uses = false;
      List<Node> items = container.node().list("ports");
      for (int i = 0; i < items.size(); i++) {
        Long hostPort = items.get(i) instanceof MapNode port ? port.integer("hostPort") : null;
        if (hostPort != null && hostPort != 0) {
          uses = true;
          ports.add(hostPort);
          offenders.remember(container.path().key("ports").index(i).key("hostPort"));
        }
      }
      if (uses) {
        offenders.container(container.name(), container.path());
      }
    }
    if (offenders.isEmpty()) {
      return null;
    }
    List<String> shown = ports.stream().map(String::valueOf).toList();
    return new CheckFailure(
        "hostPort: "
            + offenders.containerList()
            + offenders.verb(" binds ", " bind ")
            + Offenders.noun(shown.size(), "port ", "ports ")
            + String.join(", ", shown)
            + " of the node; leave hostPort unset or 0",
        offenders.firstPath());
  }

  static @Nullable CheckFailure hostProbesAndHostLifecycle(PodDefinition pod) {
    Offenders offenders = new Offenders();
    Set<String> hosts = new TreeSet<>();
    for (PodContainer container : pod.containers()) {
      List<FieldPath> paths = new ArrayList<>();
      for (String probe : PROBES) {
        collectHosts(container.node().map(probe), container.path(), probe, hosts, paths);
      }
      MapNode lifecycle = Values.map(container.node(), "lifecycle");
      for (String handler : LIFECYCLE_HANDLERS) {
        collectHosts(
            lifecycle.map(handler), container.path().key("lifecycle"), handler, hosts, paths);
      }
      if (!paths.isEmpty()) {
        offenders.container(container.name(), paths.get(0));
      }
    }
    if (offenders.isEmpty()) {
      return null;
    }
    return new CheckFailure(
        "probe or lifecycle host: "
            + offenders.containerList()
            + offenders.verb(" sends", " send")
            + " probe or lifecycle requests to "
            + Offenders.noun(hosts.size(), "host ", "hosts ")
            + Offenders.quoted(hosts)
            + " instead of the pod itself; leave host unset",
        offenders.firstPath());
  }

  /** Adds the hosts {@code handler} (at {@code parent.key}) targets, and their paths. */
  private static void collectHosts(
      @Nullable MapNode handler,
      FieldPath parent,
      String key,
      Set<String> hosts,
      List<FieldPath> paths) {
    if (handler == null) {
      return;
    }
    for (String kind : HANDLER_KINDS) {
      String host = Values.text(Values.map(handler, kind), "host");
      if (!host.isEmpty()) {
        hosts.add(host);
        paths.add(parent.key(key).key(kind).key("host"));
      }
    }
  }

  static @Nullable CheckFailure windowsHostProcess(PodDefinition pod) {
    Offenders offenders = new Offenders();
    if (Values.isTrue(Values.map(pod.securityContext(), "windowsOptions"), "hostProcess")) {
      offenders.pod(pod.securityContextPath().key("windowsOptions").key("hostProcess"));
    }
    for (PodContainer container : pod.containers()) {
      if (Values.isTrue(Values.map(container.securityContext(), "windowsOptions"), "hostProcess")) {
        offenders.container(
            container.name(),
            container.securityContextPath().key("windowsOptions").key("hostProcess"));
      }
    }
    if (offenders.isEmpty()) {
      return null;
    }
    return new CheckFailure(
        "hostProcess: "
            + offenders.subjects()
            + offenders.verb(" runs", " run")
            + " as a Windows host process (securityContext.windowsOptions.hostProcess=true)",
        offenders.firstPath());
  }
}
