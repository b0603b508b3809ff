package dev.bulwark.policy.check;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.workload.Container;
import dev.bulwark.core.workload.ContainerPort;
import dev.bulwark.core.workload.Probe;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A probe that connects to a port the container does not declare: the probe checks something other
 * than the server the container was written to run, or nothing at all. A port named in a probe must
 * be the name of a declared TCP port; a number must be a declared TCP port number. Exec probes name
 * no port.
 */
final class ProbePortCheck implements NativeCheck {
  static final String PROBE = "probe";

  @Override
  public String id() {
    return "probe-port-exposed";
  }

  @Override
  public String summary() {
    return "The container's HTTP, TCP or gRPC probe of the chosen kind connects to a port (number"
        + " or name) that is not one of its declared TCP ports.";
  }

  @Override
  public Target target() {
    return Target.CONTAINERS;
  }

  @Override
  public List<CheckParameter> parameters() {
    return List.of(
        new CheckParameter(
            PROBE, "Which probe to check: liveness, readiness or startup.", "liveness"));
  }

  @Override
  public CheckEvaluator bind(Map<String, String> parameters) throws InvalidCheckParameterException {
    Probe.Kind kind = kind(Parameters.text(parameters, PROBE, "liveness"));
    return (CheckEvaluator.PerContainer)
        (container, workload, findings) ->
            container
                .probe(kind)
                .filter(probe -> probe.port() != null && !declares(container, probe.port()))
                .ifPresent(probe ->
                    findings.violation(
                        "Container \""
                            + container.name()
                            + "\" has a "
                            + kind.name().toLowerCase(Locale.ROOT)
                            + " probe on port "
                            + probe.port()
                            + ", which the container does not declare",
                        portPath(probe)));
  }

  /** The probe's {@code port} field, so that the finding points at the line to change. */
  private static FieldPath portPath(Probe probe) {
    String handler =
        switch (probe.handler()) {
          case HTTP_GET -> "httpGet";
          case TCP_SOCKET -> "tcpSocket";
          case GRPC -> "grpc";
          case EXEC, NONE -> null;
        };
    return handler == null ? probe.path() : probe.path().key(handler).key("port");
  }

  private static Probe.Kind kind(String value) throws InvalidCheckParameterException {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "liveness" -> Probe.Kind.LIVENESS;
      case "readiness" -> Probe.Kind.READINESS;
      case "startup" -> Probe.Kind.STARTUP;
      default ->
          throw new InvalidCheckParameterException(
              PROBE, "expected liveness, readiness or startup, found \"" + value + "\"");
    };
  }

  private static boolean declares(Container container, String port) {
    for (ContainerPort declared : container.ports()) {
      if (declared.protocol().equals("TCP")
          && (port.equals(declared.name())
              || port.equals(String.valueOf(declared.containerPort())))) {
        return true;
      }
    }
    return false;
  }
}
