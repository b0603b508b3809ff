package dev.bulwark.sensor.admission;

import dev.bulwark.sensor.policies.PolicySet;
import dev.bulwark.sensor.policies.PolicySetListener;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the enforced policy set into a ConfigMap in the sensor's namespace (default {@value
 * #DEFAULT_NAME}) whenever its fingerprint changes. Admission controllers mount it and run with
 * {@code --no-defaults --policies /etc/bulwark/policies/policies.json --exceptions
 * /etc/bulwark/policies/exceptions.yaml}; they reload the files when the kubelet updates the mount,
 * so the webhook and the sensor enforce the same version.
 *
 * <p>Threading: {@link #changed} keeps only the newest set and returns at once; one thread writes.
 * A failed write is retried after {@value #RETRY_SECONDS} seconds (or at the next change).
 */
public final class AdmissionPush implements PolicySetListener, AutoCloseable {
  public static final String DEFAULT_NAME = "bulwark-enforced-policies";
  private static final Logger LOG = LoggerFactory.getLogger(AdmissionPush.class);
  private static final long RETRY_SECONDS = 30;
  static final String FIELD_MANAGER = "bulwark-sensor";

  private final KubernetesClient client;
  private final String namespace;
  private final String name;
  private final ScheduledExecutorService writer;
  private final AtomicReference<@Nullable PolicySet> pending = new AtomicReference<>();

  /** Writer thread only: the fingerprint the ConfigMap has. */
  private @Nullable String written;

  /** Writer thread only: why the last write failed, until one succeeds. */
  private @Nullable String lastFailure;

  public AdmissionPush(KubernetesClient client, String namespace, String name) {
    this.client = client;
    this.namespace = namespace;
    this.name = name;
    this.writer =
        Executors.newSingleThreadScheduledExecutor(runnable -> {
          Thread thread = new Thread(runnable, "bulwark-admission-push");
          thread.setDaemon(true);
          return thread;
        });
  }

  @Override
  public void changed(PolicySet set) {
    if (pending.getAndSet(set) == null) {
      submit(0);
    }
  }

  /**
   * Waits until the sets handed over so far are written (or failed).
   *
   * @return false when that took longer than {@code timeout}
   */
  public boolean awaitIdle(Duration timeout) {
    try {
      CompletableFuture.runAsync(() -> {}, writer).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return pending.get() == null;
    } catch (TimeoutException | ExecutionException | RejectedExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    writer.shutdownNow();
  }

  private void submit(long delaySeconds) {
    try {
      writer.schedule(this::write, delaySeconds, TimeUnit.SECONDS);
    } catch (RejectedExecutionException e) {
      LOG.debug("the admission push is stopped; the policy set is not written");
    }
  }

  private void write() {
    PolicySet set = pending.getAndSet(null);
    if (set == null || set.fingerprint().equals(written)) {
      return;
    }
    Map<String, String> files = AdmissionFiles.of(set);
    ConfigMap configMap =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .addToLabels("app.kubernetes.io/managed-by", FIELD_MANAGER)
            .addToAnnotations("bulwark.dev/policy-fingerprint", set.fingerprint())
            .endMetadata()
            .withData(files)
            .build();
    try {
      client
          .configMaps()
          .inNamespace(namespace)
          .resource(configMap)
          .fieldManager(FIELD_MANAGER)
          .forceConflicts()
          .serverSideApply();
      written = set.fingerprint();
      lastFailure = null;
      LOG.info(
          "admission policy set {} written to ConfigMap {}/{} ({} policies, {} exceptions)",
          set.fingerprint(),
          namespace,
          name,
          set.policies().size(),
          set.exceptions().size());
    } catch (KubernetesClientException | IllegalStateException e) {
      // Said once per cause: a sensor run outside its namespace would repeat it every 30 s.
      String failure = String.valueOf(e.getMessage());
      boolean repeated = failure.equals(lastFailure);
      lastFailure = failure;
      if (repeated) {
        LOG.debug("the admission policy set still cannot be written: {}", failure);
      } else {
        LOG.warn(
            "the admission policy set could not be written to ConfigMap {}/{}: {}; retrying every"
                + " {}s (said again only when the cause changes)",
            namespace,
            name,
            failure,
            RETRY_SECONDS);
      }
      if (pending.compareAndSet(null, set)) {
        submit(RETRY_SECONDS);
      }
    }
  }
}
