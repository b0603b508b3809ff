package dev.bulwark.core.context;

import dev.bulwark.core.workload.Container;
import dev.bulwark.core.workload.ContainerPort;
import dev.bulwark.core.workload.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The ports of one workload with their widest exposure.
 *
 * <p>Every port a container declares is listed, UNSET when nothing exposes it; a declared {@code
 * hostPort} makes it HOST. A Service of the workload's namespace whose non-empty selector is a
 * subset of the pod labels exposes its target ports (a number, or the name of a container port):
 * EXTERNAL for LoadBalancer, NODE for NodePort (both with the node port), INTERNAL otherwise. An
 * Ingress backed by such a Service makes the ports it reaches EXTERNAL, a Route makes them ROUTE.
 * Target ports no container declares are listed too, with the Service port's protocol. Ports are
 * keyed by number and protocol; declared ports come first, in container order.
 */
final class PortExposures {
  private record PortKey(int port, String protocol) {}

  private final Map<PortKey, ExposedPort> ports = new LinkedHashMap<>();

  private PortExposures() {}

  static List<ExposedPort> of(
      Workload workload, List<ServiceSummary> services, Map<String, List<Backend>> backends) {
    PortExposures exposures = new PortExposures();
    List<ContainerPort> declared = new ArrayList<>();
    for (Container container : workload.containers()) {
      declared.addAll(container.ports());
    }
    for (ContainerPort port : declared) {
      exposures.offer(port.containerPort(), port.protocol(), PortExposure.UNSET, 0, null);
      if (port.hostPort() > 0) {
        exposures.offer(
            port.containerPort(), port.protocol(), PortExposure.HOST, port.hostPort(), null);
      }
    }
    for (ServiceSummary service : services) {
      PortExposure exposure = service.exposure();
      if (exposure != null && service.selects(workload.namespace(), workload.podLabels())) {
        List<Backend> serviceBackends =
            backends.getOrDefault(
                ContextValues.key(service.namespace(), service.name()), List.of());
        for (ServiceSummary.Port port : service.ports()) {
          exposures.expose(service, exposure, port, declared, serviceBackends);
        }
      }
    }
    return List.copyOf(exposures.ports.values());
  }

  private void expose(
      ServiceSummary service,
      PortExposure exposure,
      ServiceSummary.Port port,
      List<ContainerPort> declared,
      List<Backend> backends) {
    Integer target = target(port, declared);
    if (target == null) {
      return;
    }
    boolean onNodes = exposure == PortExposure.EXTERNAL || exposure == PortExposure.NODE;
    offer(target, port.protocol(), exposure, onNodes ? port.nodePort() : 0, service.name());
    for (Backend backend : backends) {
      if (backend.selects(port, target)) {
        offer(target, port.protocol(), backend.exposure(), 0, backend.via());
      }
    }
  }

  /** The port the pods listen on; null when a named target port matches no container port. */
  private static @Nullable Integer target(ServiceSummary.Port port, List<ContainerPort> declared) {
    if (port.targetNumber() != null) {
      return port.targetNumber();
    }
    for (ContainerPort candidate : declared) {
      if (port.targetName() != null
          && port.targetName().equals(candidate.name())
          && port.protocol().equals(candidate.protocol())) {
        return candidate.containerPort();
      }
    }
    return null;
  }

  /**
   * Keeps the widest exposure per port; on a tie the first one found stays. A node or host port
   * opened by a narrower exposure is kept when the wider one opens none (an Ingress in front of a
   * NodePort Service leaves the node port open), so that node port criteria still see it.
   */
  private void offer(
      int port, String protocol, PortExposure exposure, int nodePort, @Nullable String via) {
    PortKey key = new PortKey(port, protocol);
    ExposedPort current = ports.get(key);
    if (current == null || exposure.compareTo(current.exposure()) < 0) {
      int openPort = nodePort == 0 && current != null ? current.nodePort() : nodePort;
      ports.put(key, new ExposedPort(port, protocol, exposure, openPort, via));
    }
  }
}
