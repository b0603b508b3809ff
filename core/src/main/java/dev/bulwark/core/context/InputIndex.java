package dev.bulwark.core.context;

import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.workload.Workload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What checks about references between objects look up once a whole input has been read: the pod
 * owners (workloads and built-in controllers) with their pod labels and replicas, Services with
 * their labels and ports, ServiceAccounts, the keys of Secrets and ConfigMaps, and the minimum
 * replicas autoscalers keep. Only these compact summaries are kept, never objects or values.
 *
 * <p>Unlike {@link ClusterContext}, which a first pass builds from a few kinds before any workload
 * is evaluated, the index is fed every object during the evaluating pass, so that it costs nothing
 * when no policy needs it. Objects in no namespace count as being in {@code default}. Immutable and
 * thread-safe once built.
 */
public final class InputIndex {
  private static final InputIndex EMPTY = new Builder().build();

  /**
   * A Service as references see it.
   *
   * @param ports every {@code port} number of {@code spec.ports}
   * @param portNames every port {@code name} of {@code spec.ports}
   */
  public record IndexedService(
      String namespace,
      String name,
      Map<String, String> labels,
      Set<Integer> ports,
      Set<String> portNames) {
    public IndexedService {
      labels = Map.copyOf(labels);
      ports = Set.copyOf(ports);
      portNames = Set.copyOf(portNames);
    }
  }

  private final Map<String, List<PodOwner>> ownersByNamespace;
  private final Map<String, Map<Map.Entry<String, String>, List<PodOwner>>> ownersByLabel;
  private final Map<NameKey, List<PodOwner>> ownersByName;
  private final Map<NameKey, Integer> autoscaledMinimums;
  private final List<IndexedService> services;
  private final Map<String, IndexedService> servicesByName;
  private final Set<String> serviceAccounts;
  private final Map<String, Set<String>> secretKeys;
  private final Map<String, Set<String>> configMapKeys;

  private InputIndex(Builder builder) {
    Map<String, List<PodOwner>> byNamespace = new HashMap<>();
    Map<String, Map<Map.Entry<String, String>, List<PodOwner>>> byLabel = new HashMap<>();
    Map<NameKey, List<PodOwner>> byName = new HashMap<>();
    for (PodOwner owner : builder.owners) {
      byNamespace.computeIfAbsent(owner.namespace(), key -> new ArrayList<>()).add(owner);
      Map<Map.Entry<String, String>, List<PodOwner>> labels =
          byLabel.computeIfAbsent(owner.namespace(), key -> new HashMap<>());
      owner
          .podLabels()
          .forEach((key, value) ->
              labels.computeIfAbsent(Map.entry(key, value), entry -> new ArrayList<>()).add(owner));
      byName
          .computeIfAbsent(
              new NameKey(owner.namespace(), owner.kind(), owner.name()), key -> new ArrayList<>())
          .add(owner);
    }
    this.ownersByNamespace = byNamespace;
    this.ownersByLabel = byLabel;
    this.ownersByName = byName;
    Map<NameKey, Integer> minimums = new HashMap<>();
    for (Autoscaler autoscaler : builder.autoscalers) {
      minimums.putIfAbsent(autoscaler.targetKey(), autoscaler.minReplicas());
    }
    this.autoscaledMinimums = minimums;
    this.services = List.copyOf(builder.services);
    Map<String, IndexedService> serviceNames = new HashMap<>();
    for (IndexedService service : services) {
      serviceNames.putIfAbsent(ContextValues.key(service.namespace(), service.name()), service);
    }
    this.servicesByName = serviceNames;
    this.serviceAccounts = Set.copyOf(builder.serviceAccounts);
    this.secretKeys = Map.copyOf(builder.secretKeys);
    this.configMapKeys = Map.copyOf(builder.configMapKeys);
  }

  /** A new, empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The index of an input without objects. */
  public static InputIndex empty() {
    return EMPTY;
  }

  /** Whether any pod owner is in the namespace. */
  public boolean hasPodOwners(String namespace) {
    return ownersByNamespace.containsKey(namespace);
  }

  /** The pod owners of the namespace whose pods the selector selects, in input order. */
  public List<PodOwner> podOwnersSelectedBy(String namespace, ObjectSelector selector) {
    List<PodOwner> found = new ArrayList<>();
    for (PodOwner owner : candidates(namespace, selector)) {
      if (selector.matches(owner.podLabels())) {
        found.add(owner);
      }
    }
    return found;
  }

  /** Whether the selector selects the pods of some pod owner of the namespace. */
  public boolean selectsPods(String namespace, ObjectSelector selector) {
    for (PodOwner owner : candidates(namespace, selector)) {
      if (selector.matches(owner.podLabels())) {
        return true;
      }
    }
    return false;
  }

  /** Only owners with one label the selector requires can match; all of them without one. */
  private List<PodOwner> candidates(String namespace, ObjectSelector selector) {
    if (selector.matchLabels().isEmpty()) {
      return ownersByNamespace.getOrDefault(namespace, List.of());
    }
    Map<Map.Entry<String, String>, List<PodOwner>> labels = ownersByLabel.get(namespace);
    if (labels == null) {
      return List.of();
    }
    Map.Entry<String, String> label = selector.matchLabels().entrySet().iterator().next();
    return labels.getOrDefault(Map.entry(label.getKey(), label.getValue()), List.of());
  }

  /** The pod owners of that kind and name in the namespace (of any API group), in input order. */
  public List<PodOwner> podOwnersNamed(String namespace, String kind, String name) {
    return ownersByName.getOrDefault(new NameKey(namespace, kind, name), List.of());
  }

  /**
   * The fewest replicas a HorizontalPodAutoscaler or KEDA ScaledObject of the input keeps the owner
   * at (its {@code spec.replicas} no longer counts then), or null when none scales it.
   */
  public @Nullable Integer autoscaledMinimum(PodOwner owner) {
    return autoscaledMinimums.get(new NameKey(owner.namespace(), owner.kind(), owner.name()));
  }

  /** Every Service of the input, in input order. */
  public List<IndexedService> services() {
    return services;
  }

  /** The Service of that name in the namespace; the first when the input repeats it. */
  public @Nullable IndexedService service(String namespace, String name) {
    return servicesByName.get(ContextValues.key(namespace, name));
  }

  public boolean hasServiceAccount(String namespace, String name) {
    return serviceAccounts.contains(ContextValues.key(namespace, name));
  }

  /**
   * The keys of the Secret's {@code data} and {@code stringData}; null when it is not in the input.
   */
  public @Nullable Set<String> secretKeys(String namespace, String name) {
    return secretKeys.get(ContextValues.key(namespace, name));
  }

  /**
   * The keys of the ConfigMap's {@code data} and {@code binaryData}; null when it is not in the
   * input.
   */
  public @Nullable Set<String> configMapKeys(String namespace, String name) {
    return configMapKeys.get(ContextValues.key(namespace, name));
  }

  /** An object by namespace, kind and name; shares the strings it is made of. */
  private record NameKey(String namespace, String kind, String name) {}

  /** An autoscaler's target and its floor. */
  private record Autoscaler(NameKey targetKey, int minReplicas) {}

  /**
   * Accumulates the summaries of one input; not thread-safe. To read sources in parallel, give each
   * its own builder and combine them in input order with {@link #addAll}.
   */
  public static final class Builder {
    private final List<PodOwner> owners = new ArrayList<>();
    private final List<Autoscaler> autoscalers = new ArrayList<>();
    private final List<IndexedService> services = new ArrayList<>();
    private final Set<String> serviceAccounts = new HashSet<>();
    private final Map<String, Set<String>> secretKeys = new HashMap<>();
    private final Map<String, Set<String>> configMapKeys = new HashMap<>();

    private Builder() {}

    /**
     * Adds what the index needs of an object; {@code workload} is its workload view, null when it
     * has none. Objects of other kinds cost a switch on the kind.
     */
    public Builder add(ManifestObject object, @Nullable Workload workload) {
      PodOwner.of(object, workload).ifPresent(owners::add);
      String group = object.group();
      switch (object.kind()) {
        case "Service" -> {
          if (group.isEmpty()) {
            services.add(service(object));
          }
        }
        case "ServiceAccount" -> {
          if (group.isEmpty()) {
            serviceAccounts.add(ContextValues.key(ContextValues.namespace(object), object.name()));
          }
        }
        case "Secret" -> {
          if (group.isEmpty()) {
            secretKeys.putIfAbsent(
                ContextValues.key(ContextValues.namespace(object), object.name()),
                keys(object.root(), "data", "stringData"));
          }
        }
        case "ConfigMap" -> {
          if (group.isEmpty()) {
            configMapKeys.putIfAbsent(
                ContextValues.key(ContextValues.namespace(object), object.name()),
                keys(object.root(), "data", "binaryData"));
          }
        }
        case "HorizontalPodAutoscaler" -> {
          if (group.equals("autoscaling")) {
            addAutoscaler(object, null, "minReplicas");
          }
        }
        case "ScaledObject" -> {
          if (group.equals("keda.sh")) {
            addAutoscaler(object, "Deployment", "minReplicaCount");
          }
        }
        default -> {}
      }
      return this;
    }

    /** Adds what {@code later} accumulated, as if its objects came after this builder's. */
    public Builder addAll(Builder later) {
      owners.addAll(later.owners);
      autoscalers.addAll(later.autoscalers);
      services.addAll(later.services);
      serviceAccounts.addAll(later.serviceAccounts);
      later.secretKeys.forEach(secretKeys::putIfAbsent);
      later.configMapKeys.forEach(configMapKeys::putIfAbsent);
      return this;
    }

    public InputIndex build() {
      return new InputIndex(this);
    }

    private static IndexedService service(ManifestObject object) {
      MapNode spec = object.root().map("spec");
      Set<Integer> ports = new HashSet<>();
      Set<String> names = new HashSet<>();
      for (MapNode port : ContextValues.maps(spec, "ports")) {
        Integer number = ContextValues.integer(port, "port");
        if (number != null) {
          ports.add(number);
        }
        String name = ContextValues.text(port, "name");
        if (name != null) {
          names.add(name);
        }
      }
      return new IndexedService(
          ContextValues.namespace(object), object.name(), object.labels(), ports, names);
    }

    private static Set<String> keys(MapNode root, String first, String second) {
      Set<String> keys = new LinkedHashSet<>();
      for (String field : List.of(first, second)) {
        MapNode map = root.map(field);
        if (map != null) {
          keys.addAll(map.keys());
        }
      }
      return Set.copyOf(keys);
    }

    /**
     * A HorizontalPodAutoscaler keeps at least {@code minReplicas} (1 by default); KEDA's
     * ScaledObject makes one that keeps {@code minReplicaCount}, never fewer than 1.
     */
    private void addAutoscaler(ManifestObject object, @Nullable String defaultKind, String field) {
      MapNode spec = object.root().map("spec");
      MapNode target = spec == null ? null : spec.map("scaleTargetRef");
      String name = ContextValues.text(target, "name");
      String kind = ContextValues.text(target, "kind");
      if (kind == null) {
        kind = defaultKind;
      }
      if (name == null || kind == null) {
        return;
      }
      Integer minimum = ContextValues.integer(spec, field);
      autoscalers.add(
          new Autoscaler(
              new NameKey(ContextValues.namespace(object), kind, name),
              minimum == null ? 1 : Math.max(1, minimum)));
    }
  }
}
