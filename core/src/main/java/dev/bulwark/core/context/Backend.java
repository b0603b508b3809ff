package dev.bulwark.core.context;

import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import dev.bulwark.core.manifest.ScalarNode;
import org.jspecify.annotations.Nullable;

/**
 * A reference from an Ingress or an OpenShift Route to a Service port. Without a port it means
 * every port of the Service.
 *
 * @param via the Ingress or Route name
 * @param exposure EXTERNAL for an Ingress, ROUTE for a Route
 * @param portNumber for an Ingress the Service port; for a Route the target port on the pods
 * @param portName the name of the Service port
 */
record Backend(
    String via,
    PortExposure exposure,
    String service,
    @Nullable Integer portNumber,
    @Nullable String portName) {

  /** A backend with a port written as a number or a name (or absent). */
  static Backend of(String via, PortExposure exposure, String service, @Nullable Node port) {
    if (port instanceof ScalarNode scalar && scalar.asText() != null) {
      Long number = scalar.asLong();
      if (number != null && number > 0 && number <= Integer.MAX_VALUE) {
        return new Backend(via, exposure, service, number.intValue(), null);
      }
      if (number == null && !scalar.asText().isBlank()) {
        return new Backend(via, exposure, service, null, scalar.asText());
      }
    }
    return new Backend(via, exposure, service, null, null);
  }

  /** An Ingress port: {@code port.number} or {@code port.name} (v1), or the port value itself. */
  static @Nullable Node ingressPort(@Nullable Node port) {
    if (port instanceof MapNode map) {
      Node number = map.get("number");
      return number != null ? number : map.get("name");
    }
    return port;
  }

  /**
   * Whether this backend sends traffic to {@code port}, whose pods listen on {@code target}. An
   * Ingress names the Service port by number or name; a Route names the target port by number or
   * the Service port by name, as the OpenShift router resolves it through the endpoints.
   */
  boolean selects(ServiceSummary.Port port, int target) {
    if (portNumber != null) {
      return exposure == PortExposure.ROUTE ? portNumber == target : portNumber == port.port();
    }
    return portName == null || portName.equals(port.name());
  }
}
