package dev.bulwark.core.workload;

import dev.bulwark.core.manifest.FieldPath;
import org.jspecify.annotations.Nullable;

/**
 * A liveness, readiness or startup probe. {@code port} is the httpGet/tcpSocket/grpc port as
 * written (a number or a port name), null for exec probes.
 */
public record Probe(Kind kind, Handler handler, @Nullable String port, FieldPath path) {
  public enum Kind {
    LIVENESS,
    READINESS,
    STARTUP
  }

  public enum Handler {
    EXEC,
    HTTP_GET,
    TCP_SOCKET,
    GRPC,
    NONE
  }
}
