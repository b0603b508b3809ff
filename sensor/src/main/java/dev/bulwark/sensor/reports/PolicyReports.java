package dev.bulwark.sensor.reports;

import dev.bulwark.sensor.evaluation.DeploymentRef;
import dev.bulwark.sensor.evaluation.DeploymentVerdict;
import dev.bulwark.sensor.evaluation.VerdictListener;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one PolicyReport per namespace from the sensor's verdicts: a summary and the most severe
 * failing results, bounded (etcd is not a findings database). Changes in a namespace are gathered
 * for {@link ReportSettings#debounce} and then written in one server-side apply, only when the
 * report's content changed; a namespace without deployments loses its report.
 *
 * <p>{@link #start} checks for the CRDs first (installing them when absent and permitted); without
 * them it logs why once and writes nothing. Threading: the listener methods record the verdict and
 * schedule the write on the report thread; they return at once and never throw.
 */
public final class PolicyReports implements VerdictListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PolicyReports.class);
  static final String FIELD_MANAGER = "bulwark-sensor";
  static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  static final ResourceDefinitionContext POLICY_REPORT =
      new ResourceDefinitionContext.Builder()
          .withGroup(ReportDefinitions.GROUP)
          .withVersion(ReportDefinitions.VERSION)
          .withKind("PolicyReport")
          .withPlural("policyreports")
          .withNamespaced(true)
          .build();

  private final KubernetesClient client;
  private final ReportSettings settings;
  private final ScheduledExecutorService writer;
  private final WritePace pace;
  private final Map<String, Map<String, DeploymentVerdict>> verdicts = new ConcurrentHashMap<>();
  private final Set<String> scheduled = ConcurrentHashMap.newKeySet();

  /** Report thread only: what each namespace's report says now, as last written. */
  private final Map<String, Object> written = new ConcurrentHashMap<>();

  private volatile boolean enabled = true;

  public PolicyReports(KubernetesClient client, ReportSettings settings) {
    this.client = client;
    this.settings = settings;
    this.pace = WritePace.of(settings.writesPerSecond());
    this.writer =
        Executors.newSingleThreadScheduledExecutor(runnable -> {
          Thread thread = new Thread(runnable, "bulwark-policy-reports");
          thread.setDaemon(true);
          return thread;
        });
  }

  /** Checks (and installs when permitted) the CRDs on the report thread; returns at once. */
  public void start() {
    writer.execute(() -> {
      try {
        ReportDefinitions.ensure(client, settings.installDefinitions())
            .ifPresent(reason -> {
              enabled = false;
              verdicts.clear();
              LOG.warn("PolicyReports are not written: {}", reason);
            });
      } catch (RuntimeException e) {
        enabled = false;
        verdicts.clear();
        LOG.warn("PolicyReports are not written: the CRDs could not be checked", e);
      }
    });
  }

  /** Whether reports are written (false once the CRDs turned out to be unavailable). */
  public boolean enabled() {
    return enabled;
  }

  @Override
  public void evaluated(DeploymentVerdict verdict) {
    if (!enabled) {
      return;
    }
    DeploymentRef deployment = verdict.deployment();
    verdicts
        .computeIfAbsent(deployment.namespace(), namespace -> new ConcurrentHashMap<>())
        .put(deployment.uid(), verdict);
    schedule(deployment.namespace());
  }

  @Override
  public void removed(DeploymentRef deployment) {
    if (!enabled) {
      return;
    }
    Map<String, DeploymentVerdict> namespace = verdicts.get(deployment.namespace());
    if (namespace != null) {
      namespace.remove(deployment.uid());
    }
    schedule(deployment.namespace());
  }

  /**
   * Waits until the writes scheduled so far (including those still gathering changes) are done.
   *
   * @return false when they did not finish within {@code timeout}
   */
  public boolean awaitIdle(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        // A write leaves the set when it starts: one that started before this check has ended
        // once the no-op queued after it has run.
        boolean noneScheduled = scheduled.isEmpty();
        CompletableFuture.runAsync(() -> {}, writer)
            .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (noneScheduled) {
          return true;
        }
        Thread.sleep(Math.max(10, settings.debounce().toMillis() / 4));
      }
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

  private void schedule(String namespace) {
    if (scheduled.add(namespace)) {
      try {
        writer.schedule(
            () -> write(namespace), settings.debounce().toMillis(), TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        scheduled.remove(namespace);
      }
    }
  }

  private void write(String namespace) {
    scheduled.remove(namespace);
    if (!enabled) {
      return;
    }
    Map<String, DeploymentVerdict> current = verdicts.getOrDefault(namespace, Map.of());
    Resource<GenericKubernetesResource> report =
        client
            .genericKubernetesResources(POLICY_REPORT)
            .inNamespace(namespace)
            .withName(settings.name());
    try {
      if (current.isEmpty()) {
        if (written.remove(namespace) != null) {
          pace.awaitTurn();
          report.delete();
        }
        return;
      }
      ReportContent content =
          ReportContent.of(new ArrayList<>(current.values()), settings.maxResults());
      Object comparable = content.comparable();
      if (comparable.equals(written.get(namespace))) {
        return;
      }
      pace.awaitTurn();
      client
          .genericKubernetesResources(POLICY_REPORT)
          .inNamespace(namespace)
          .resource(object(namespace, content))
          .fieldManager(FIELD_MANAGER)
          .forceConflicts()
          .serverSideApply();
      written.put(namespace, comparable);
    } catch (KubernetesClientException e) {
      LOG.warn(
          "the PolicyReport of namespace {} could not be written (HTTP {}): {}; it is written at"
              + " the next change",
          namespace,
          e.getCode(),
          e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("the PolicyReport of namespace {} could not be written", namespace, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // closing
    }
  }

  private GenericKubernetesResource object(String namespace, ReportContent content) {
    GenericKubernetesResource report = new GenericKubernetesResource();
    report.setApiVersion(ReportDefinitions.GROUP + "/" + ReportDefinitions.VERSION);
    report.setKind("PolicyReport");
    report.setMetadata(
        new ObjectMetaBuilder()
            .withName(settings.name())
            .withNamespace(namespace)
            .withLabels(Map.of(MANAGED_BY, FIELD_MANAGER))
            .build());
    report.setAdditionalProperty("summary", content.summary());
    report.setAdditionalProperty("results", content.results());
    return report;
  }
}
