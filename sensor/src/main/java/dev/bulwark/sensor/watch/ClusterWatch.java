package dev.bulwark.sensor.watch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.sensor.inventory.InventoryJson;
import dev.bulwark.sensor.inventory.InventoryStore;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the cluster: one informer per {@link WatchedKind} (the built-in kinds, Routes when the
 * API server serves them, and custom resources whose schema has a pod template, also those defined
 * while the sensor runs), each feeding the {@link InventoryStore}. A kind the sensor may not list
 * is logged and left out. Objects are read as generic resources and turned into the inventory's
 * JSON at once; Secrets lose everything but their type and metadata before that, so their data is
 * never serialised or kept. Thread-safe.
 */
public final class ClusterWatch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterWatch.class);

  private static final ObjectMapper TREES = new ObjectMapper();
  private static final WatchedKind DEFINITION =
      new WatchedKind("apiextensions.k8s.io/v1", "CustomResourceDefinition");

  /** How many objects one list request of an informer asks for. */
  static final long LIST_PAGE = 500;

  private final KubernetesClient client;
  private final InventoryStore store;
  private final Map<WatchedKind, SharedIndexInformer<GenericKubernetesResource>> informers =
      new LinkedHashMap<>();
  private final Map<String, List<WatchedKind>> byDefinition = new HashMap<>();

  public ClusterWatch(KubernetesClient client, InventoryStore store) {
    this.client = client;
    this.store = store;
  }

  /**
   * Starts the informers and waits until each listed its kind once (or failed, which is logged).
   *
   * @return the kinds being watched
   */
  public synchronized List<WatchedKind> start(Duration timeout) throws InterruptedException {
    List<WatchedKind> kinds = new ArrayList<>(WatchedKind.BUILT_IN);
    if (supports(WatchedKind.ROUTE)) {
      kinds.add(WatchedKind.ROUTE);
    }
    kinds.addAll(new PodTemplateResources(client).discover(WatchedKind.BUILT_IN));
    List<Started> started = new ArrayList<>();
    for (WatchedKind kind : kinds) {
      SharedIndexInformer<GenericKubernetesResource> informer = informer(kind, new Handler(kind));
      started.add(new Started(kind, informer, informer.start().toCompletableFuture()));
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    List<WatchedKind> watched = new ArrayList<>();
    for (Started each : started) {
      try {
        each.listed().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (ExecutionException e) {
        LOG.warn(
            "cannot watch {} ({}); it is left out of the inventory: grant the sensor list and"
                + " watch on it",
            each.kind(),
            e.getCause() == null ? e.toString() : e.getCause().getMessage());
        each.informer().stop();
        continue;
      } catch (TimeoutException e) {
        LOG.warn(
            "{} was not listed within {}; it joins the inventory when it is", each.kind(), timeout);
      }
      watched.add(each.kind());
      informers.put(each.kind(), each.informer());
    }
    LOG.info("watching {} kinds, {} objects listed", watched.size(), store.size());
    watchDefinitions();
    return List.copyOf(watched);
  }

  private SharedIndexInformer<GenericKubernetesResource> informer(
      WatchedKind kind, ResourceEventHandler<GenericKubernetesResource> handler) {
    return client
        .genericKubernetesResources(kind.apiVersion(), kind.kind())
        .inAnyNamespace()
        // Listed in pages: 10,000 pods in one answer is some 40 MB parsed at once (the heap of the
        // deployed sensor ran out), a page of 500 a few MB.
        .withLimit(LIST_PAGE)
        .runnableInformer(0)
        .removeNamespaceIndex()
        .itemStore(new IdentityItemStore())
        .addEventHandler(handler);
  }

  /**
   * Watches CustomResourceDefinitions, so custom resources with pod templates defined while the
   * sensor runs are watched too (and those whose definition is deleted no longer).
   */
  private void watchDefinitions() {
    SharedIndexInformer<GenericKubernetesResource> definitions =
        informer(DEFINITION, new DefinitionHandler());
    try {
      definitions.start().toCompletableFuture().get(30, TimeUnit.SECONDS);
      informers.put(DEFINITION, definitions);
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn(
          "cannot watch CustomResourceDefinitions ({}); custom resources defined later are"
              + " watched after the sensor's next start",
          e.getCause() == null ? e.toString() : e.getCause().getMessage());
      definitions.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      definitions.stop();
    }
  }

  /** Starts informers for a definition's kinds not watched yet. */
  private synchronized void defined(GenericKubernetesResource resource) {
    CustomResourceDefinition definition =
        client.getKubernetesSerialization().convertValue(resource, CustomResourceDefinition.class);
    if (!PodTemplateResources.established(definition)) {
      return; // listing it would fail and stop the informer; an update follows when it is
    }
    for (WatchedKind kind : PodTemplateResources.kinds(definition)) {
      if (!informers.containsKey(kind) && !WatchedKind.BUILT_IN.contains(kind)) {
        LOG.info("watching {}, a custom resource with a pod template defined now", kind);
        SharedIndexInformer<GenericKubernetesResource> informer = informer(kind, new Handler(kind));
        informers.put(kind, informer);
        informer.start();
        byDefinition
            .computeIfAbsent(resource.getMetadata().getName(), name -> new ArrayList<>())
            .add(kind);
      }
    }
  }

  /** Stops watching the kinds of a deleted definition; the API server deletes their objects. */
  private synchronized void undefined(GenericKubernetesResource resource) {
    List<WatchedKind> kinds = byDefinition.remove(resource.getMetadata().getName());
    if (kinds == null) {
      return;
    }
    for (WatchedKind kind : kinds) {
      SharedIndexInformer<GenericKubernetesResource> informer = informers.remove(kind);
      if (informer != null) {
        informer.stop();
      }
      store.objects().stream()
          .filter(object ->
              object.kind().equals(kind.kind()) && object.apiVersion().equals(kind.apiVersion()))
          .forEach(object -> store.delete(object.uid()));
    }
  }

  /**
   * The object as the inventory's JSON tree, built from the parsed object directly: fabric8 parses
   * with Jackson 3 but annotates its model with the annotations Jackson 2 reads too, so this writes
   * what fabric8 would write, without the text in between (writing the text and parsing it again
   * was three quarters of the sensor's own work per listed object).
   */
  static ObjectNode tree(GenericKubernetesResource object) {
    return TREES.valueToTree(object);
  }

  private record Started(
      WatchedKind kind,
      SharedIndexInformer<GenericKubernetesResource> informer,
      CompletableFuture<Void> listed) {}

  private boolean supports(WatchedKind kind) {
    try {
      return client.supports(kind.apiVersion(), kind.kind());
    } catch (KubernetesClientException e) {
      LOG.warn("cannot tell whether the cluster serves {}: {}", kind, e.getMessage());
      return false;
    }
  }

  @Override
  public synchronized void close() {
    informers.values().forEach(SharedIndexInformer::stop);
    informers.clear();
  }

  /** Follows CustomResourceDefinitions (which are not part of the inventory). */
  private final class DefinitionHandler implements ResourceEventHandler<GenericKubernetesResource> {
    @Override
    public void onAdd(GenericKubernetesResource definition) {
      defined(definition);
    }

    @Override
    public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
      defined(after);
    }

    @Override
    public void onDelete(GenericKubernetesResource definition, boolean finalStateUnknown) {
      undefined(definition);
    }
  }

  /** Turns informer events into inventory changes. */
  private final class Handler implements ResourceEventHandler<GenericKubernetesResource> {
    private final WatchedKind kind;

    Handler(WatchedKind kind) {
      this.kind = kind;
    }

    @Override
    public void onAdd(GenericKubernetesResource object) {
      upsert(object);
    }

    @Override
    public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
      upsert(after);
    }

    @Override
    public void onDelete(GenericKubernetesResource object, boolean finalStateUnknown) {
      ObjectMeta metadata = object.getMetadata();
      if (metadata != null && metadata.getUid() != null) {
        store.delete(metadata.getUid());
      }
    }

    private void upsert(GenericKubernetesResource object) {
      if (kind.kind().equals("Secret")) {
        // Only the type stays: the data must never be serialised, sent, logged or kept.
        object.getAdditionalProperties().keySet().retainAll(List.of("type"));
      }
      // Items of a list carry no apiVersion and kind.
      object.setApiVersion(kind.apiVersion());
      object.setKind(kind.kind());
      InventoryJson.read(tree(object)).ifPresent(store::upsert);
    }
  }
}
