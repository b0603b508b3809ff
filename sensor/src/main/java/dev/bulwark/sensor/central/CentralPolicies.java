package dev.bulwark.sensor.central;

import dev.bulwark.sensor.policies.ActivePolicies;
import dev.bulwark.sensor.policies.PolicyDocument;
import dev.bulwark.sensor.policies.PolicySet;
import dev.bulwark.sensor.policies.PolicySetListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy set central enforces for this cluster, polled from {@code GET
 * /v1/clusters/{id}/policies} (with the fingerprint as {@code If-None-Match}, so an unchanged set
 * costs a 304) and cached in the state directory, so a sensor restarted while central is away
 * evaluates with the last set it had. A set that does not parse is logged and ignored; the last
 * good one stays. Tells the listeners and {@code changed} of each new set, on the polling thread.
 * Thread-safe.
 */
public final class CentralPolicies implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CentralPolicies.class);
  static final String CACHE_FILE = "policies.json";

  private final CentralClient central;
  private final Path cache;
  private final List<PolicySetListener> listeners;
  private final Consumer<ActivePolicies> changed;
  private final ScheduledExecutorService timer;
  private volatile @Nullable ActivePolicies current;
  private boolean failing;

  public CentralPolicies(
      CentralClient central,
      Path stateDirectory,
      List<PolicySetListener> listeners,
      Consumer<ActivePolicies> changed) {
    this.central = central;
    this.cache = stateDirectory.resolve(CACHE_FILE);
    this.listeners = List.copyOf(listeners);
    this.changed = changed;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> Thread.ofPlatform().name("sensor-policies").daemon().unstarted(runnable));
  }

  /** The set in force; empty before the first set came from central or the cache. */
  public Optional<ActivePolicies> current() {
    return Optional.ofNullable(current);
  }

  /** Reads the cached set, if there is a good one. */
  public synchronized void loadCache() {
    if (!Files.exists(cache)) {
      return;
    }
    try {
      PolicySet set = PolicyDocument.parse(Files.readAllBytes(cache), cache.toString());
      LOG.info(
          "evaluating with the cached policy set {} ({} policies) until central answers",
          set.fingerprint(),
          set.policies().size());
      publish(ActivePolicies.compile(set));
    } catch (IOException | RuntimeException e) {
      LOG.warn("ignoring the cached policy set {}: {}", cache, e.getMessage());
    }
  }

  /** Polls now and then every {@code period}. */
  public void start(Duration period) {
    Repeating.every(timer, period, "asking central for the policy set", this::poll);
  }

  /** Asks central once. */
  public synchronized void poll() {
    ActivePolicies known = current;
    List<String> headers =
        known == null ? List.of() : List.of("If-None-Match", quoted(known.set().fingerprint()));
    CentralClient.Response response;
    try {
      response = central.send("GET", central.clusterPath("/policies"), null, headers);
    } catch (IOException e) {
      fail("central is unreachable: " + e);
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (response.status() == 304) {
      recovered();
      return;
    }
    if (!response.ok()) {
      fail(response.summary());
      return;
    }
    try {
      PolicySet set = PolicyDocument.parse(response.body(), "central");
      recovered();
      if (known != null && known.set().fingerprint().equals(set.fingerprint())) {
        return;
      }
      ActivePolicies compiled = ActivePolicies.compile(set);
      write(response.body());
      LOG.info(
          "policy set {} from central: {} policies, {} exceptions",
          set.fingerprint(),
          set.policies().size(),
          set.exceptions().size());
      publish(compiled);
    } catch (RuntimeException e) {
      LOG.error("central's policy set is not usable, keeping the last one: {}", e.getMessage());
    }
  }

  private void publish(ActivePolicies policies) {
    current = policies;
    changed.accept(policies);
    for (PolicySetListener listener : listeners) {
      try {
        listener.changed(policies.set());
      } catch (RuntimeException e) {
        LOG.error("a policy set listener failed: {}", e.toString(), e);
      }
    }
  }

  private void write(byte[] body) {
    Path temporary = cache.resolveSibling(CACHE_FILE + ".tmp");
    try {
      Files.write(temporary, body);
      Files.move(
          temporary, cache, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      LOG.warn("could not cache the policy set in {}: {}", cache, e.toString());
    }
  }

  private void fail(String reason) {
    if (!failing) {
      LOG.warn("cannot fetch the policy set from central ({}); keeping the last one", reason);
    }
    failing = true;
  }

  private void recovered() {
    failing = false;
  }

  private static String quoted(String fingerprint) {
    return "\"" + fingerprint + "\"";
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
