package dev.bulwark.sensor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.sensor.admission.AdmissionPushOptions;
import dev.bulwark.sensor.central.StreamSettings;
import dev.bulwark.sensor.enforcement.EnforcementOptions;
import dev.bulwark.sensor.enforcement.EnforcementSettings;
import dev.bulwark.sensor.enforcement.EnforcementSink;
import dev.bulwark.sensor.enforcement.Enforcer;
import dev.bulwark.sensor.evaluation.VerdictListener;
import dev.bulwark.sensor.policies.PolicySetListener;
import dev.bulwark.sensor.reports.ReportOptions;
import dev.bulwark.sensor.watch.SpreadConnections;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bulwark sensor}: watches the cluster, streams its inventory to central and evaluates its
 * deployments with central's policies. Runs until stopped (SIGTERM closes it cleanly, leaving
 * undelivered changes in the journal).
 */
@Command(
    name = "sensor",
    mixinStandardHelpOptions = true,
    description =
        "Watch a Kubernetes cluster, report its objects to central and evaluate its deployments"
            + " with central's policies.")
final class SensorCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(SensorCommand.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Option(names = "--central", required = true, paramLabel = "URL", description = "Central's URL.")
  String central = "";

  @Option(
      names = "--token-file",
      required = true,
      paramLabel = "FILE",
      description =
          "The cluster's sensor token: the token alone, or the JSON POST /v1/clusters answered"
              + " (its id and token).")
  Path tokenFile = Path.of("");

  @Option(
      names = "--cluster-id",
      paramLabel = "ID",
      description =
          "The cluster's id at central; required when the token file holds the token only.")
  @Nullable String clusterId;

  @Option(
      names = "--ca-file",
      paramLabel = "FILE",
      description = "PEM certificates to trust for central (e.g. tls.crt of central's data dir).")
  @Nullable Path caFile;

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description = "Kubeconfig to use; default: KUBECONFIG, else the in-cluster configuration.")
  @Nullable Path kubeconfig;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description = "Journal, sequence number and policy cache. Default: ${DEFAULT-VALUE}.")
  Path stateDirectory = Path.of("bulwark-sensor-state");

  @Option(
      names = "--max-buffer-bytes",
      paramLabel = "BYTES",
      description =
          "Most the journal may hold while central is away; beyond, it is dropped and a full"
              + " resync follows. Default: ${DEFAULT-VALUE}.")
  long maxBufferBytes = StreamSettings.DEFAULT_MAX_JOURNAL_BYTES;

  @Mixin EnforcementOptions enforcement = new EnforcementOptions();

  @Mixin ReportOptions reports = new ReportOptions();

  @Mixin AdmissionPushOptions admission = new AdmissionPushOptions();

  @Spec CommandSpec spec;

  /** The cluster and the token to report with. */
  record Credentials(UUID cluster, String token) {}

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    SensorSettings settings;
    try {
      settings = settings();
    } catch (UsageException e) {
      err.println("bulwark sensor: " + e.getMessage());
      err.flush();
      return SensorMain.USAGE_OR_INPUT_ERROR;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    // The hook waits for the close below, so the journal is complete before the JVM halts.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stopped.countDown();
                  awaitQuietly(closed);
                },
                "sensor-shutdown"));
    List<AutoCloseable> parts = new ArrayList<>();
    try (KubernetesClient client =
        new KubernetesClientBuilder()
            .withHttpClientFactory(new SpreadConnections())
            .withConfig(config())
            .build()) {
      // The listeners outlive the sensor that calls them and close before the client they use.
      try (Sensor sensor = Sensor.start(settings, client, sink -> listeners(client, sink, parts))) {
        spec.commandLine()
            .getOut()
            .printf(
                "bulwark sensor: watching %d kinds, reporting cluster %s to %s%n",
                sensor.watched().size(), settings.cluster(), settings.central());
        spec.commandLine().getOut().flush();
        stopped.await();
      } finally {
        closeAll(parts);
      }
    } catch (IOException | RuntimeException e) {
      err.println("bulwark sensor: " + e.getMessage());
      err.flush();
      return SensorMain.USAGE_OR_INPUT_ERROR;
    } finally {
      closed.countDown();
    }
    return SensorMain.OK;
  }

  /**
   * The listeners of the sensor's verdicts and policy sets, as the options say: enforcement (its
   * records go to {@code sink}, the stream to central), the PolicyReport writer and the push of the
   * policy set to the admission controllers. Each is added to {@code opened} to be closed.
   */
  Sensor.Listeners listeners(
      KubernetesClient client, EnforcementSink sink, List<AutoCloseable> opened) {
    List<VerdictListener> verdicts = new ArrayList<>();
    List<PolicySetListener> policySets = new ArrayList<>();
    Enforcer enforcer = enforcement.create(client, sink, Clock.systemUTC());
    opened.add(enforcer);
    verdicts.add(enforcer);
    reports
        .start(client)
        .ifPresent(writer -> {
          opened.add(writer);
          verdicts.add(writer);
        });
    admission
        .create(client, EnforcementSettings.ownNamespace(System.getenv()))
        .ifPresent(push -> {
          opened.add(push);
          policySets.add(push);
        });
    return new Sensor.Listeners(verdicts, policySets);
  }

  /** Closes in reverse order of opening; a failure to close one does not keep the rest open. */
  private static void closeAll(List<AutoCloseable> parts) {
    for (AutoCloseable part : parts.reversed()) {
      try {
        part.close();
      } catch (Exception e) {
        LOG.warn("closing {} failed: {}", part, e.toString());
      }
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  SensorSettings settings() throws UsageException {
    URI url;
    try {
      url = new URI(central);
    } catch (URISyntaxException e) {
      throw new UsageException("--central " + central + " is not a URL: " + e.getMessage());
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") || url.getHost() == null) {
      throw new UsageException("--central must be an https:// URL, such as https://central:8443");
    }
    if (caFile != null && !Files.isReadable(caFile)) {
      throw new UsageException("--ca-file " + caFile + ": cannot read it");
    }
    if (kubeconfig != null && !Files.isReadable(kubeconfig)) {
      throw new UsageException("--kubeconfig " + kubeconfig + ": cannot read it");
    }
    if (maxBufferBytes < 1 << 20) {
      throw new UsageException("--max-buffer-bytes must be at least 1048576 (1 MiB)");
    }
    Credentials credentials = credentials(tokenFile, clusterId);
    return SensorSettings.defaults(
            url, credentials.cluster(), credentials.token(), caFile, stateDirectory)
        .withStream(StreamSettings.defaults().withJournalBytes(maxBufferBytes));
  }

  /**
   * Reads the token file: the token alone (then {@code --cluster-id} names the cluster), or the
   * JSON {@code POST /v1/clusters} answered, whose id {@code --cluster-id} must match if given.
   */
  static Credentials credentials(Path tokenFile, @Nullable String clusterId) throws UsageException {
    String text;
    try {
      text = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UsageException("--token-file " + tokenFile + ": cannot read it (" + e + ")");
    }
    if (text.isEmpty()) {
      throw new UsageException("--token-file " + tokenFile + ": is empty");
    }
    UUID option = clusterId == null ? null : uuid(clusterId, "--cluster-id");
    if (!text.startsWith("{")) {
      if (option == null) {
        throw new UsageException(
            "--cluster-id is required when --token-file holds only the token (or give the JSON"
                + " POST /v1/clusters answered as the token file)");
      }
      return new Credentials(option, text);
    }
    JsonNode registered;
    try {
      registered = MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UsageException("--token-file " + tokenFile + ": not JSON: " + e.getMessage());
    }
    if (!registered.path("token").isTextual() || !registered.path("id").isTextual()) {
      throw new UsageException(
          "--token-file "
              + tokenFile
              + ": the JSON must have \"id\" and \"token\" (as POST /v1/clusters answers)");
    }
    UUID id = uuid(registered.path("id").asText(), "--token-file " + tokenFile + " id");
    if (option != null && !option.equals(id)) {
      throw new UsageException(
          "--cluster-id " + option + " is not the cluster of the token file (" + id + ")");
    }
    return new Credentials(id, registered.path("token").asText());
  }

  private static UUID uuid(String text, String where) throws UsageException {
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException(where + ": '" + text + "' is not a cluster id (a UUID)");
    }
  }

  private Config config() throws IOException {
    if (kubeconfig != null) {
      return Config.fromKubeconfig(null, Files.readString(kubeconfig), kubeconfig.toString());
    }
    // KUBECONFIG when set, else ~/.kube/config, else the service account of the pod.
    return Config.autoConfigure(null);
  }

  /** Bad options or files: exit code 2 with the message. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
