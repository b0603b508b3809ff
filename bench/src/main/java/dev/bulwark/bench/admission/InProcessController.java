package dev.bulwark.bench.admission;

import dev.bulwark.admission.decision.AdmissionDecider;
import dev.bulwark.admission.decision.AdmissionSettings;
import dev.bulwark.admission.server.AdmissionMetrics;
import dev.bulwark.admission.server.AdmissionServer;
import dev.bulwark.admission.server.ServerSettings;
import dev.bulwark.core.manifest.ReadLimits;
import dev.bulwark.policy.builtin.BuiltinPolicies;
import dev.bulwark.policy.engine.PolicyCompiler;
import dev.bulwark.policy.selection.PolicySelection;
import dev.bulwark.server.tls.ServingCertificate;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The controller in the generator's own JVM, configured as {@code bulwark admission-controller}
 * configures it by default (the built-in pack by its own flags, 16 concurrent reviews, a generated
 * CA), except that audit records are dropped instead of logged. Client and server share the JIT and
 * the heap, so this mode is for checking the tool, not for the reported numbers.
 */
final class InProcessController implements Controller {
  private final AdmissionServer server;
  private final String caPem;

  private InProcessController(AdmissionServer server, String caPem) {
    this.server = server;
    this.caPem = caPem;
  }

  /** Serves on a free loopback port; the CA and certificate go to {@code tlsDirectory}. */
  static InProcessController start(Path tlsDirectory) throws IOException {
    Clock clock = Clock.systemUTC();
    ServingCertificate certificate =
        ServingCertificate.selfSigned(tlsDirectory, List.of("localhost", "127.0.0.1"), clock);
    AdmissionSettings settings = AdmissionSettings.defaults();
    AdmissionDecider decider =
        new AdmissionDecider(
            PolicyCompiler.compile(
                PolicySelection.defaults().apply(BuiltinPolicies.all()), List.of()),
            settings,
            ReadLimits.DEFAULT,
            clock);
    AdmissionServer server =
        AdmissionServer.start(
            new ServerSettings(
                "127.0.0.1",
                0,
                ServerSettings.DEFAULT_MAX_REQUEST_BYTES,
                16,
                Duration.ofSeconds(2)),
            certificate,
            () -> decider,
            settings,
            (request, decision) -> {},
            new AdmissionMetrics());
    return new InProcessController(server, certificate.caPem());
  }

  @Override
  public URI url() {
    return URI.create("https://127.0.0.1:" + server.port() + "/validate");
  }

  @Override
  public String caPem() {
    return caPem;
  }

  @Override
  public String description() {
    return "in-process";
  }

  @Override
  public Optional<Duration> cpuTime() {
    return Optional.empty();
  }

  @Override
  public void close() {
    server.close();
  }
}
