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
 * their labels and ports, ServiceAccounts, the keys of Secrets and ConfigMaps, the minimum replicas
 * autoscalers keep, and the rules of Roles and ClusterRoles. Only these compact summaries are kept,
 * never objects or values.
 *
 * <p>Unlike {@link ClusterContext}, which a first pass builds from a few kinds before any workload
 * is evaluated, the index is fed every object during the evaluating pass, so that it costs nothing
 * when no policy needs it. Objects in no namespace count as being in {@code default}. Immutable and
 * thread-safe once built (the lookups by name build their maps on first use, safely published).
 */
public final class InputIndex {
  private static final String RBAC_GROUP = "rbac.authorization.k8s.io";
  private static final String ROLE = "Role";
  private static final String CLUSTER_ROLE = "ClusterRole";
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

  /**
   * A rule of a Role or ClusterRole, its values as written.
   *
   * @param apiGroups the API groups, "" for the core group
   * @param resources the resources, {@code RESOURCE/SUBRESOURCE} for subresources
   */
  public record IndexedRule(List<String> apiGroups, List<String> resources, List<String> verbs) {
    public IndexedRule {
      apiGroups = List.copyOf(apiGroups);
      resources = List.copyOf(resources);
      verbs = List.copyOf(verbs);
    }
  }

  /**
   * A Role or ClusterRole and its rules, in the order written.
   *
   * @param namespace the Role's namespace; "" for a ClusterRole, which has none
   */
  public record IndexedRole(String kind, String namespace, String name, List<IndexedRule> rules) {
    public IndexedRole {
      rules = List.copyOf(rules);
    }
  }

  private final Map<String, List<PodOwner>> ownersByNamespace;
  private final Map<String, Map<Map.Entry<String, String>, List<PodOwner>>> ownersByLabel;
  private final List<PodOwner> owners;
  private final Map<NameKey, Integer> autoscaledMinimums;
  private final List<IndexedService> services;
  private final Set<NameKey> serviceAccounts;
  private final Map<NameKey, Set<String>> secretKeys;
  private final Map<NameKey, Set<String>> configMapKeys;
  private final Map<NameKey, IndexedRole> roles;
  // Only the checks about autoscaler targets and Ingress backends look objects up by name, so
  // these maps are built on first use rather than for every input.
  private volatile @Nullable Map<NameKey, List<PodOwner>> ownersByName;
  private volatile @Nullable Map<NameKey, IndexedService> servicesByName;

  private InputIndex(Builder builder) {
    this.owners = List.copyOf(builder.owners);
    Map<String, List<PodOwner>> byNamespace = new HashMap<>();
    Map<String, Map<Map.Entry<String, String>, List<PodOwner>>> byLabel = new HashMap<>();
    for (PodOwner owner : owners) {
      byNamespace.computeIfAbsent(owner.namespace(), key -> new ArrayList<>()).add(owner);
      Map<Map.Entry<String, String>, List<PodOwner>> labels =
          byLabel.computeIfAbsent(owner.namespace(), key -> new HashMap<>());
      owner.podLabels().forEach((key, value) -> add(labels, Map.entry(key, value), owner));
    }
    this.ownersByNamespace = byNamespace;
    this.ownersByLabel = byLabel;
    Map<NameKey, Integer> minimums = new HashMap<>();
    for (Autoscaler autoscaler : builder.autoscalers) {
      minimums.putIfAbsent(autoscaler.target(), autoscaler.minReplicas());
    }
    this.autoscaledMinimums = minimums;
    this.services = List.copyOf(builder.services);
    this.serviceAccounts = Set.copyOf(builder.serviceAccounts);
    this.secretKeys = firstByName(builder.secrets);
    this.configMapKeys = firstByName(builder.configMaps);
    Map<NameKey, IndexedRole> rolesByName = new HashMap<>();
    for (IndexedRole role : builder.roles) {
      rolesByName.putIfAbsent(new NameKey(role.namespace(), role.kind(), role.name()), role);
    }
    this.roles = rolesByName;
  }

  /**
   * Files the owner under the key. Most keys (a workload's name, its own {@code app} label) have
   * one owner: they keep a one-element immutable list, and only shared keys get a growing list.
   */
  private static <K> void add(Map<K, List<PodOwner>> map, K key, PodOwner owner) {
    map.merge(
        key,
        List.of(owner),
        (existing, one) -> {
          if (existing instanceof ArrayList<PodOwner> growing) {
            growing.add(owner);
            return growing;
          }
          List<PodOwner> growing = new ArrayList<>(existing);
          growing.add(owner);
          return growing;
        });
  }

  private static Map<NameKey, Set<String>> firstByName(List<KeyNames> objects) {
    Map<NameKey, Set<String>> byName = new HashMap<>();
    for (KeyNames object : objects) {
      byName.putIfAbsent(object.name(), object.keys());
    }
    return byName;
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
    Map<NameKey, List<PodOwner>> byName = ownersByName;
    if (byName == null) {
      byName = new HashMap<>();
      for (PodOwner owner : owners) {
        add(byName, new NameKey(owner.namespace(), owner.kind(), owner.name()), owner);
      }
      ownersByName = byName;
    }
    return byName.getOrDefault(new NameKey(namespace, kind, name), List.of());
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
    Map<NameKey, IndexedService> byName = servicesByName;
    if (byName == null) {
      byName = new HashMap<>();
      for (IndexedService service : services) {
        byName.putIfAbsent(new NameKey(service.namespace(), "Service", service.name()), service);
      }
      servicesByName = byName;
    }
    return byName.get(new NameKey(namespace, "Service", name));
  }

  public boolean hasServiceAccount(String namespace, String name) {
    return serviceAccounts.contains(new NameKey(namespace, "ServiceAccount", name));
  }

  /**
   * The keys of the Secret's {@code data} and {@code stringData}; null when it is not in the input.
   */
  public @Nullable Set<String> secretKeys(String namespace, String name) {
    return secretKeys.get(new NameKey(namespace, "Secret", name));
  }

  /**
   * The keys of the ConfigMap's {@code data} and {@code binaryData}; null when it is not in the
   * input.
   */
  public @Nullable Set<String> configMapKeys(String namespace, String name) {
    return configMapKeys.get(new NameKey(namespace, "ConfigMap", name));
  }

  /**
   * The Role of that name in the namespace; the first when the input repeats it; null when it is
   * not in the input.
   */
  public @Nullable IndexedRole role(String namespace, String name) {
    return roles.get(new NameKey(namespace, ROLE, name));
  }

  /**
   * The ClusterRole of that name; the first when the input repeats it; null when it is not in the
   * input.
   */
  public @Nullable IndexedRole clusterRole(String name) {
    return roles.get(new NameKey("", CLUSTER_ROLE, name));
  }

  /** An object by namespace, kind and name; shares the strings it is made of. */
  private record NameKey(String namespace, String kind, String name) {
    static NameKey of(ManifestObject object) {
      return new NameKey(object.namespaceOrDefault(), object.kind(), object.name());
    }
  }

  /** An autoscaler's target and its floor. */
  private record Autoscaler(NameKey target, int minReplicas) {}

  /** A Secret's or ConfigMap's key names. */
  private record KeyNames(NameKey name, Set<String> keys) {}

  /**
   * Accumulates the summaries of one input; not thread-safe. To read sources in parallel, give each
   * its own builder and combine them in input order with {@link #addAll}.
   */
  public static final class Builder {
    // Lists only: an empty ArrayList holds no array, and a run keeps one builder per source.
    private final List<PodOwner> owners = new ArrayList<>();
    private final List<Autoscaler> autoscalers = new ArrayList<>();
    private final List<IndexedService> services = new ArrayList<>();
    private final List<NameKey> serviceAccounts = new ArrayList<>();
    private final List<KeyNames> secrets = new ArrayList<>();
    private final List<KeyNames> configMaps = new ArrayList<>();
    private final List<IndexedRole> roles = new ArrayList<>();

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
            serviceAccounts.add(NameKey.of(object));
          }
        }
        case "Secret" -> {
          if (group.isEmpty()) {
            secrets.add(
                new KeyNames(NameKey.of(object), keys(object.root(), "data", "stringData")));
          }
        }
        case "ConfigMap" -> {
          if (group.isEmpty()) {
            configMaps.add(
                new KeyNames(NameKey.of(object), keys(object.root(), "data", "binaryData")));
          }
        }
        case "HorizontalPodAutoscaler" -> {
          if (group.equals("autoscaling")) {
            addAutoscaler(object, null, "minReplicas");
          }
        }
        case ROLE -> {
          if (group.equals(RBAC_GROUP)) {
            roles.add(role(object, object.namespaceOrDefault()));
          }
        }
        case CLUSTER_ROLE -> {
          if (group.equals(RBAC_GROUP)) {
            roles.add(role(object, ""));
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
      secrets.addAll(later.secrets);
      configMaps.addAll(later.configMaps);
      roles.addAll(later.roles);
      return this;
    }

    public InputIndex build() {
      return new InputIndex(this);
    }

    private static IndexedService service(ManifestObject object) {
      MapNode spec = object.root().map("spec");
      Set<Integer> ports = new HashSet<>(4);
      Set<String> names = new HashSet<>(4);
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
          object.namespaceOrDefault().intern(), object.name(), object.labels(), ports, names);
    }

    private static IndexedRole role(ManifestObject object, String namespace) {
      List<IndexedRule> rules = new ArrayList<>();
      for (MapNode rule : ContextValues.maps(object.root(), "rules")) {
        rules.add(
            new IndexedRule(
                ContextValues.strings(rule, "apiGroups"),
                ContextValues.strings(rule, "resources"),
                ContextValues.strings(rule, "verbs")));
      }
      return new IndexedRole(object.kind(), namespace, object.name(), rules);
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
              new NameKey(object.namespaceOrDefault(), kind, name),
              minimum == null ? 1 : Math.max(1, minimum)));
    }
  }
}
