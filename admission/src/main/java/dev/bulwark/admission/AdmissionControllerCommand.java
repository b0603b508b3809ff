package dev.bulwark.admission;

import dev.bulwark.admission.decision.AdmissionDecider;
import dev.bulwark.admission.decision.AdmissionSettings;
import dev.bulwark.admission.decision.LogAuditSink;
import dev.bulwark.admission.images.AdmissionImageData;
import dev.bulwark.admission.images.MissingImageData;
import dev.bulwark.admission.reload.CertificateRotation;
import dev.bulwark.admission.reload.ReloadingPolicies;
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
import dev.bulwark.scanner.results.ImageScanService;
import dev.bulwark.server.tls.ServingCertificate;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
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

  @Option(
      names = "--fingerprint-file",
      paramLabel = "FILE",
      description =
          "File naming the policy set's version (the sensor's ConfigMap carries central's"
              + " fingerprint as 'fingerprint'): logged on every load and reported as"
              + " bulwark_admission_policy_set_info. Without it, a digest of the policy and"
              + " exception files is reported.")
  @Nullable Path fingerprintFile;

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

  @Mixin ImageDataOptions imageOptions = new ImageDataOptions();

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

  @Option(
      names = "--reload-interval",
      paramLabel = "SECONDS",
      description =
          "How often the policy, exception and certificate files are checked for changes"
              + " (0: never). Default: ${DEFAULT-VALUE}.")
  int reloadInterval = 5;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    Clock clock = Clock.systemUTC();
    Controller controller;
    try {
      controller = controller(clock);
    } catch (InvalidPolicyException | InvalidExceptionException | InvalidSelectionException e) {
      err.println("bulwark: " + e.getMessage());
      return AdmissionMain.USAGE_OR_INPUT_ERROR;
    }
    ServingCertificate certificate = tls.certificate(clock);
    CountDownLatch stopped = new CountDownLatch(1);
    try (controller;
        AdmissionServer server =
            AdmissionServer.start(
                new ServerSettings(
                    host, port, maxRequestBytes, maxConcurrent, Duration.ofSeconds(2)),
                certificate,
                controller.policies(),
                controller.settings(),
                new LogAuditSink(clock),
                controller.metrics());
        Reloader reloader = reloader(controller.policies(), server, clock)) {
      spec.commandLine()
          .getOut()
          .printf(
              "bulwark admission-controller: %d policies, listening on https://%s:%d/validate%n",
              controller.decider().policyCount(), host, server.port());
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

  /**
   * What serves reviews: the decider (rebuilt when its files change), its image data and the
   * metrics that watch it.
   *
   * @param scanner the inline scan service, null without {@code --inline-scan}; closed with this
   */
  record Controller(
      ReloadingPolicies policies,
      AdmissionSettings settings,
      AdmissionImageData images,
      AdmissionMetrics metrics,
      @Nullable ImageScanService scanner)
      implements AutoCloseable {
    /** The decider in force now. */
    AdmissionDecider decider() {
      return policies.get();
    }

    @Override
    public void close() {
      if (scanner != null) {
        scanner.close();
      }
    }
  }

  /**
   * Loads the policies and wires the decider to the image data and the metrics to both.
   *
   * @throws CommandLine.ParameterException for a bad option value
   */
  Controller controller(Clock clock) {
    MissingImageData missing =
        switch (missingImageData) {
          case "open" -> MissingImageData.FAIL_OPEN;
          case "closed" -> MissingImageData.FAIL_CLOSED;
          default ->
              throw new CommandLine.ParameterException(
                  spec.commandLine(), "--missing-image-data must be open or closed");
        };
    if (reloadInterval < 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--reload-interval must be 0 (never) or a number of seconds");
    }
    AdmissionSettings settings =
        new AdmissionSettings(noBreakGlass ? null : breakGlassAnnotation, cluster, missing);
    ImageScanService scanner = imageOptions.scanner(spec.commandLine(), clock);
    AdmissionImageData images = imageOptions.imageData(spec.commandLine(), clock, scanner);
    AdmissionMetrics metrics = new AdmissionMetrics();
    metrics.watch(images);
    List<Path> watched = new ArrayList<>(policyPaths);
    watched.addAll(exceptionFiles);
    ReloadingPolicies policies =
        new ReloadingPolicies(
            watched,
            fingerprintFile,
            () -> new AdmissionDecider(policies(), settings, ReadLimits.DEFAULT, clock, images));
    metrics.watchPolicySet(policies::version);
    return new Controller(policies, settings, images, metrics, scanner);
  }

  /**
   * Checks the policy, exception and certificate files every {@code --reload-interval} seconds on
   * one daemon thread, and hourly renews a generated certificate when it is due (the rotation then
   * serves the renewed files). A failed check keeps what is in force; the next one tries again.
   */
  Reloader reloader(ReloadingPolicies policies, AdmissionServer server, Clock clock) {
    CertificateRotation rotation =
        new CertificateRotation(tls.files(), () -> tls.certificate(clock), server::reload);
    if (reloadInterval == 0) {
      return new Reloader(null);
    }
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(task -> {
          Thread thread = new Thread(task, "admission-reload");
          thread.setDaemon(true);
          return thread;
        });
    executor.scheduleWithFixedDelay(
        () -> {
          policies.check();
          rotation.check();
        },
        reloadInterval,
        reloadInterval,
        TimeUnit.SECONDS);
    // Renewal is due weeks ahead of expiry: checking hourly is plenty, and spares parsing the CA
    // and its key every few seconds.
    executor.scheduleWithFixedDelay(() -> tls.renewIfGenerated(clock), 1, 1, TimeUnit.HOURS);
    return new Reloader(executor);
  }

  /** Stops the reload thread, if one runs. */
  record Reloader(@Nullable ScheduledExecutorService executor) implements AutoCloseable {
    @Override
    public void close() {
      if (executor != null) {
        executor.shutdownNow();
      }
    }
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

    /**
     * Renews the generated certificate when it is due ({@link ServingCertificate#selfSigned} does
     * that and rewrites its files); certificates from files are renewed by whoever writes them.
     * Never throws: a failed renewal is logged and tried again on the next check.
     */
    void renewIfGenerated(Clock clock) {
      if (certificate != null || key != null) {
        return;
      }
      try {
        ServingCertificate.selfSigned(directory, names(), clock);
      } catch (IOException | RuntimeException e) {
        LoggerFactory.getLogger(AdmissionControllerCommand.class)
            .error("renewing the generated serving certificate failed: {}", e.getMessage());
      }
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
