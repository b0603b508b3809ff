package dev.bulwark.core.context;

import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.ScalarNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What port exposure needs from a Service.
 *
 * @param exposure how the Service exposes its ports; null for ExternalName Services, which select
 *     no pods
 * @param selector the pod selector; empty when the Service selects no pods (manual endpoints)
 */
record ServiceSummary(
    String namespace,
    String name,
    @Nullable PortExposure exposure,
    Map<String, String> selector,
    List<Port> ports) {
  ServiceSummary {
    selector = Map.copyOf(selector);
    ports = List.copyOf(ports);
  }

  /**
   * One Service port. The target is a number or the name of a container port; absent, it is the
   * port itself.
   */
  record Port(
      @Nullable String name,
      int port,
      @Nullable Integer targetNumber,
      @Nullable String targetName,
      String protocol,
      int nodePort) {}

  static ServiceSummary read(ManifestObject object) {
    MapNode spec = object.root().map("spec");
    List<Port> ports = new ArrayList<>();
    for (MapNode port : ContextValues.maps(spec, "ports")) {
      Port summary = port(port);
      if (summary != null) {
        ports.add(summary);
      }
    }
    Map<String, String> selector = spec == null ? Map.of() : spec.stringMap("selector");
    return new ServiceSummary(
        object.namespaceOrDefault(), object.name(), exposure(spec), selector, ports);
  }

  private static @Nullable PortExposure exposure(@Nullable MapNode spec) {
    String type = ContextValues.text(spec, "type");
    if (type == null) {
      return PortExposure.INTERNAL;
    }
    return switch (type) {
      case "LoadBalancer" -> PortExposure.EXTERNAL;
      case "NodePort" -> PortExposure.NODE;
      case "ExternalName" -> null;
      default -> PortExposure.INTERNAL;
    };
  }

  private static @Nullable Port port(MapNode port) {
    Integer number = ContextValues.integer(port, "port");
    if (number == null) {
      return null;
    }
    Integer targetNumber = number;
    String targetName = null;
    if (port.get("targetPort") instanceof ScalarNode target && target.asText() != null) {
      Long targetValue = target.asLong();
      if (targetValue != null && targetValue > 0 && targetValue <= Integer.MAX_VALUE) {
        targetNumber = targetValue.intValue();
      } else if (targetValue == null && !target.asText().isBlank()) {
        targetNumber = null;
        targetName = target.asText();
      }
    }
    String protocol = ContextValues.text(port, "protocol");
    Integer nodePort = ContextValues.integer(port, "nodePort");
    return new Port(
        ContextValues.text(port, "name"),
        number,
        targetNumber,
        targetName,
        protocol == null ? "TCP" : protocol.toUpperCase(Locale.ROOT),
        nodePort == null ? 0 : nodePort);
  }

  /** Whether the Service selects any pods: it has a selector and is not an ExternalName. */
  boolean selectsPods() {
    return !selector.isEmpty() && exposure != null;
  }

  /** The Service selects the pods: its selector is non-empty and a subset of the pod labels. */
  boolean selects(String podNamespace, Map<String, String> podLabels) {
    if (!namespace.equals(podNamespace) || !selectsPods()) {
      return false;
    }
    for (Map.Entry<String, String> entry : selector.entrySet()) {
      if (!entry.getValue().equals(podLabels.get(entry.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
