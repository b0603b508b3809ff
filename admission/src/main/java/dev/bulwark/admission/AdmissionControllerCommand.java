package dev.bulwark.admission;

import dev.bulwark.admission.decision.AdmissionDecider;
import dev.bulwark.admission.decision.AdmissionSettings;
import dev.bulwark.admission.decision.LogAuditSink;
import dev.bulwark.admission.images.AdmissionImageData;
import dev.bulwark.admission.images.MissingImageData;
import dev.bulwark.admission.server.AdmissionMetrics;
import dev.bulwark.admission.server.AdmissionServer;
import dev.bulwark.admission.server.ServerSettings;
import dev.bulwark.core.manifest.ReadLimits;
import dev.bulwark.policy.builtin.BuiltinPolicies;
import dev.bulwark.policy.engine.CompiledPolicySet;
import dev.bulwark.policy.engine.PolicyCompiler;
import dev.bulwark.policy.exception.ExceptionReader;
import dev.bulwark.policy.exception.InvalidExceptionException;
import dev.bulwark.policy.exception.PolicyException;
import dev.bulwark.policy.io.InvalidPolicyException;
import dev.bulwark.policy.io.PolicyReader;
import dev.bulwark.policy.model.Policy;
import dev.bulwark.policy.selection.InvalidSelectionException;
import dev.bulwark.policy.selection.PolicySelection;
import dev.bulwark.server.tls.ServingCertificate;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bulwark admission-controller}: the validating admission webhook. Runs until stopped
 * (SIGTERM lets requests in flight finish).
 */
@Command(
    name = "admission-controller",
    mixinStandardHelpOptions = true,
    subcommands = WebhookConfigCommand.class,
    description =
        "Serve a validating admission webhook (POST /validate, HTTPS) that denies objects"
            + " violating enforced policies and warns about the others.")
final class AdmissionControllerCommand implements java.util.concurrent.Callable<Integer> {
  @Option(names = "--host", description = "Address to listen on. Default: ${DEFAULT-VALUE}.")
  String host = "0.0.0.0";

  @Option(names = "--port", description = "HTTPS port. Default: ${DEFAULT-VALUE}.")
  int port = 8443;

  @Option(
      names = "--policies",
      paramLabel = "FILE|DIR",
      description = "Policy files or directories, as for bulwark check. Repeatable.")
  List<Path> policyPaths = new ArrayList<>();

  @Option(names = "--no-defaults", description = "Do not load the built-in policy pack.")
  boolean noDefaults;

  @Option(names = "--framework", paramLabel = "NAME", description = "As for bulwark check.")
  List<String> frameworks = new ArrayList<>();

  @Option(names = "--enable", paramLabel = "ID", description = "Turn on a policy. Repeatable.")
  List<String> enabled = new ArrayList<>();

  @Option(names = "--disable", paramLabel = "ID", description = "Turn off a policy. Repeatable.")
  List<String> disabled = new ArrayList<>();

  @Option(
      names = "--exceptions",
      paramLabel = "FILE",
      description = "Exception files (PolicyException documents). Repeatable.")
  List<Path> exceptionFiles = new ArrayList<>();

  @Option(names = "--cluster", description = "Cluster name that scopes and exceptions match.")
  String cluster = "";

  @Option(
      names = "--break-glass-annotation",
      paramLabel = "NAME",
      description =
          "Annotation that admits an object the policies would deny, recording an alert."
              + " Default: ${DEFAULT-VALUE}.")
  String breakGlassAnnotation = AdmissionSettings.DEFAULT_BREAK_GLASS;

  @Option(names = "--no-break-glass", description = "Disable the break-glass annotation.")
  boolean noBreakGlass;

  @Option(
      names = "--missing-image-data",
      paramLabel = "open|closed",
      description =
          "An enforced policy that needs image scan data the controller does not have: admit with"
              + " a warning (open) or deny (closed). Default: ${DEFAULT-VALUE}.")
  String missingImageData = "open";

  @Mixin TlsOptions tls = new TlsOptions();

  @Option(
      names = "--max-request-bytes",
      description = "Larger request bodies are refused. Default: ${DEFAULT-VALUE}.")
  int maxRequestBytes = ServerSettings.DEFAULT_MAX_REQUEST_BYTES;

  @Option(
      names = "--max-concurrent",
      description =
          "Reviews evaluated at once; others wait up to 2 s, then get 503. Default:"
              + " ${DEFAULT-VALUE}.")
  int maxConcurrent = 16;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    CompiledPolicySet policies;
    try {
      policies = policies();
    } catch (InvalidPolicyException | InvalidExceptionException | InvalidSelectionException e) {
      err.println("bulwark: " + e.getMessage());
      return AdmissionMain.USAGE_OR_INPUT_ERROR;
    }
    MissingImageData missing =
        switch (missingImageData) {
          case "open" -> MissingImageData.FAIL_OPEN;
          case "closed" -> MissingImageData.FAIL_CLOSED;
          default -> null;
        };
    if (missing == null) {
      err.println("bulwark: --missing-image-data must be open or closed");
      return AdmissionMain.USAGE_OR_INPUT_ERROR;
    }
    AdmissionSettings settings =
        new AdmissionSettings(noBreakGlass ? null : breakGlassAnnotation, cluster, missing);
    Clock clock = Clock.systemUTC();
    AdmissionImageData images = AdmissionImageData.none();
    AdmissionMetrics metrics = new AdmissionMetrics();
    metrics.watch(images);
    AdmissionDecider decider = new AdmissionDecider(policies, settings, ReadLimits.DEFAULT, clock);
    ServingCertificate certificate = tls.certificate(clock);
    CountDownLatch stopped = new CountDownLatch(1);
    try (AdmissionServer server =
        AdmissionServer.start(
            new ServerSettings(host, port, maxRequestBytes, maxConcurrent, Duration.ofSeconds(2)),
            certificate,
            () -> decider,
            settings,
            new LogAuditSink(clock),
            new AdmissionMetrics())) {
      spec.commandLine()
          .getOut()
          .printf(
              "bulwark admission-controller: %d policies, listening on https://%s:%d/validate%n",
              policies.policies().size(), host, server.port());
      spec.commandLine().getOut().flush();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    server.close();
                    stopped.countDown();
                  },
                  "admission-shutdown"));
      stopped.await();
    }
    return AdmissionMain.OK;
  }

  private CompiledPolicySet policies() {
    List<Policy> loaded = new ArrayList<>();
    if (!noDefaults) {
      loaded.addAll(BuiltinPolicies.all());
    }
    for (Path path : policyPaths) {
      loaded.addAll(PolicyReader.read(path));
    }
    List<Policy> selected =
        new PolicySelection(frameworks, null, enabled, disabled, List.of()).apply(loaded);
    List<PolicyException> exceptions = new ArrayList<>();
    for (Path file : exceptionFiles) {
      exceptions.addAll(ExceptionReader.read(file));
    }
    return PolicyCompiler.compile(selected, exceptions);
  }

  /** Where the serving certificate comes from: files, or a generated CA kept in a directory. */
  static final class TlsOptions {
    @Option(names = "--tls-cert", paramLabel = "FILE", description = "Serving certificate (PEM).")
    @Nullable Path certificate;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "Its private key (PEM).")
    @Nullable Path key;

    @Option(
        names = "--tls-dir",
        paramLabel = "DIR",
        description =
            "Without --tls-cert: where the generated CA and serving certificate are kept."
                + " Default: ${DEFAULT-VALUE}.")
    Path directory = Path.of("bulwark-admission-tls");

    @Option(
        names = "--tls-name",
        paramLabel = "NAME",
        description =
            "DNS name or IP address of the generated serving certificate. Repeatable."
                + " Default: localhost, 127.0.0.1.")
    List<String> names = new ArrayList<>();

    List<String> names() {
      return names.isEmpty() ? List.of("localhost", "127.0.0.1") : List.copyOf(names);
    }

    /** The files a rotation changes. */
    List<Path> files() {
      Path cert = certificate;
      Path privateKey = key;
      return cert != null && privateKey != null
          ? List.of(cert, privateKey)
          : List.of(directory.resolve("tls.crt"), directory.resolve("tls.key"));
    }

    ServingCertificate certificate(Clock clock) throws IOException {
      Path cert = certificate;
      Path privateKey = key;
      if (cert != null && privateKey != null) {
        return ServingCertificate.fromFiles(cert, privateKey);
      }
      if (cert != null || privateKey != null) {
        throw new IOException("--tls-cert and --tls-key go together");
      }
      return ServingCertificate.selfSigned(directory, names(), clock);
    }
  }
}
