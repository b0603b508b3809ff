package dev.bulwark.sensor;

import dev.bulwark.sensor.central.CentralClient;
import dev.bulwark.sensor.central.CentralImageScans;
import dev.bulwark.sensor.central.CentralPolicies;
import dev.bulwark.sensor.central.ClusterName;
import dev.bulwark.sensor.central.Heartbeat;
import dev.bulwark.sensor.central.InventoryStream;
import dev.bulwark.sensor.central.Journal;
import dev.bulwark.sensor.central.Sequences;
import dev.bulwark.sensor.enforcement.EnforcementSink;
import dev.bulwark.sensor.evaluation.LocalEvaluation;
import dev.bulwark.sensor.evaluation.VerdictListener;
import dev.bulwark.sensor.inventory.InventoryStore;
import dev.bulwark.sensor.policies.PolicySetListener;
import dev.bulwark.sensor.watch.ClusterWatch;
import dev.bulwark.sensor.watch.WatchedKind;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running sensor: watches the cluster through {@code client}, streams its inventory to central,
 * evaluates its deployments with central's policies and tells the listeners. Embeddable (tests
 * start one against a test server); {@link #close} stops everything, leaving undelivered entries in
 * the state directory's journal for the next start. The client stays the caller's.
 */
public final class Sensor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Sensor.class);

  /** What hears the sensor: verdict listeners (enforcement, PolicyReports) and policy set ones. */
  public record Listeners(List<VerdictListener> verdicts, List<PolicySetListener> policySets) {
    public static final Listeners NONE = new Listeners(List.of(), List.of());

    public Listeners {
      verdicts = List.copyOf(verdicts);
      policySets = List.copyOf(policySets);
    }
  }

  private final InventoryStore store;
  private final InventoryStream stream;
  private final LocalEvaluation evaluation;
  private final CentralPolicies policies;
  private final CentralImageScans images;
  private final Heartbeat heartbeat;
  private final ClusterWatch watch;
  private final List<WatchedKind> watched;

  private Sensor(
      InventoryStore store,
      InventoryStream stream,
      LocalEvaluation evaluation,
      CentralPolicies policies,
      CentralImageScans images,
      Heartbeat heartbeat,
      ClusterWatch watch,
      List<WatchedKind> watched) {
    this.store = store;
    this.stream = stream;
    this.evaluation = evaluation;
    this.policies = policies;
    this.images = images;
    this.heartbeat = heartbeat;
    this.watch = watch;
    this.watched = List.copyOf(watched);
  }

  /**
   * Starts a sensor; returns once the informers listed the cluster (the first resync then goes to
   * central in the background).
   *
   * @param listeners makes the listeners, given the sink for enforcement records
   * @throws IOException when the state directory or the CA file cannot be used
   */
  public static Sensor start(
      SensorSettings settings,
      KubernetesClient client,
      Function<EnforcementSink, Listeners> listeners)
      throws IOException, InterruptedException {
    Files.createDirectories(settings.stateDirectory());
    CentralClient central =
        new CentralClient(
            settings.central(),
            settings.cluster(),
            settings.token(),
            settings.caFile(),
            settings.requestTimeout());
    InventoryStore store = new InventoryStore();
    InventoryStream stream =
        new InventoryStream(
            central,
            store,
            new Journal(settings.stateDirectory(), settings.stream().maxJournalBytes()),
            new Sequences(settings.stateDirectory()),
            settings.stream());
    Listeners wired = listeners.apply(stream);
    ClusterName clusterName = ClusterName.load(settings.stateDirectory());
    // The scans tell the evaluation of new data, the evaluation the scans of the images in use.
    AtomicReference<@Nullable LocalEvaluation> evaluated = new AtomicReference<>();
    CentralImageScans images =
        new CentralImageScans(
            central,
            settings.stateDirectory(),
            Clock.systemUTC(),
            settings.imageRefresh(),
            changed -> {
              LocalEvaluation current = evaluated.get();
              if (current != null) {
                current.imagesChanged(changed);
              }
            });
    LocalEvaluation evaluation =
        new LocalEvaluation(
            store,
            images,
            wired.verdicts(),
            clusterName::get,
            Clock.systemUTC(),
            settings.evaluationDebounce());
    CentralPolicies policies =
        new CentralPolicies(
            central, settings.stateDirectory(), wired.policySets(), evaluation::policiesChanged);
    // Exceptions and scopes name clusters: a new name changes what they waive.
    Heartbeat heartbeat =
        new Heartbeat(
            central,
            settings.version(),
            learned -> {
              if (clusterName.update(learned)) {
                evaluation.evaluateAll();
              }
            });
    evaluated.set(evaluation);
    ClusterWatch watch = new ClusterWatch(client, store);
    policies.loadCache();
    images.loadCache();
    stream.start();
    heartbeat.start(settings.heartbeat());
    policies.start(settings.policyPoll());
    images.start(settings.imagePoll());
    List<WatchedKind> watched;
    try {
      watched = watch.start(settings.syncTimeout());
    } catch (InterruptedException | RuntimeException e) {
      watch.close();
      heartbeat.close();
      policies.close();
      images.close();
      evaluation.close();
      stream.close();
      throw e;
    }
    stream.ready();
    evaluation.ready();
    LOG.info(
        "sensor {} for cluster {} started: {} objects, reporting to {}",
        settings.version(),
        settings.cluster(),
        store.size(),
        settings.central());
    return new Sensor(store, stream, evaluation, policies, images, heartbeat, watch, watched);
  }

  /** The objects the sensor holds. */
  public InventoryStore inventory() {
    return store;
  }

  /** The stream to central (its progress, for tests and health). */
  public InventoryStream stream() {
    return stream;
  }

  /** Where enforcement records go. */
  public EnforcementSink enforcementSink() {
    return stream;
  }

  /** The kinds being watched. */
  public List<WatchedKind> watched() {
    return watched;
  }

  @Override
  public void close() throws IOException {
    watch.close();
    heartbeat.close();
    policies.close();
    images.close();
    evaluation.close();
    stream.close();
  }
}
