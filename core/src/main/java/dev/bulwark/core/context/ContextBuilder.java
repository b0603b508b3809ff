package dev.bulwark.core.context;

import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.MapNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reduces context objects to summaries as they arrive, so that no object is kept. Objects are
 * recognized by kind and API group: a Knative {@code Service} or a Crossplane {@code Role} is not a
 * Kubernetes one. Objects in no namespace count as being in {@code default}, as workloads do. Not
 * thread-safe.
 */
final class ContextBuilder implements ClusterContext.Builder {
  private static final String RBAC_GROUP = "rbac.authorization.k8s.io";

  private final Map<String, List<ServiceSummary>> services = new HashMap<>();
  private final Map<String, List<Backend>> backends = new HashMap<>();
  private final Map<String, List<NetworkPolicySummary>> policies = new HashMap<>();
  private final Map<String, IndexedClusterContext.ServiceAccountSummary> serviceAccounts =
      new HashMap<>();
  private final Map<String, Map<String, String>> namespaces = new HashMap<>();
  private final List<RbacIndex.Role> roles = new ArrayList<>();
  private final List<RbacIndex.Role> clusterRoles = new ArrayList<>();
  private final List<RbacIndex.Binding> bindings = new ArrayList<>();

  @Override
  public ClusterContext.Builder add(ManifestObject object) {
    String group = object.group();
    switch (object.kind()) {
      case "Service" -> {
        if (group.isEmpty()) {
          ServiceSummary service = ServiceSummary.read(object);
          if (service.selectsPods()) {
            services.computeIfAbsent(service.namespace(), key -> new ArrayList<>()).add(service);
          }
        }
      }
      case "Ingress" -> {
        if (group.equals("networking.k8s.io") || group.equals("extensions")) {
          addIngress(object);
        }
      }
      case "Route" -> {
        if (group.equals("route.openshift.io") || group.isEmpty()) {
          addRoute(object);
        }
      }
      case "NetworkPolicy" -> {
        if (group.equals("networking.k8s.io") || group.equals("extensions")) {
          NetworkPolicySummary policy = NetworkPolicySummary.read(object);
          policies.computeIfAbsent(policy.namespace(), key -> new ArrayList<>()).add(policy);
        }
      }
      case "ServiceAccount" -> {
        if (group.isEmpty()) {
          serviceAccounts.put(
              ContextValues.key(object.namespaceOrDefault(), object.name()),
              new IndexedClusterContext.ServiceAccountSummary(
                  object.root().bool("automountServiceAccountToken")));
        }
      }
      case "Namespace" -> {
        if (group.isEmpty()) {
          namespaces.put(object.name(), object.labels());
        }
      }
      case "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding" -> {
        if (group.equals(RBAC_GROUP)) {
          addRbac(object);
        }
      }
      default -> {}
    }
    return this;
  }

  @Override
  public ClusterContext.Builder addAll(ClusterContext.Builder later) {
    if (!(later instanceof ContextBuilder other)) {
      throw new IllegalArgumentException("not a builder from ClusterContext.builder()");
    }
    appendLists(services, other.services);
    appendLists(backends, other.backends);
    appendLists(policies, other.policies);
    serviceAccounts.putAll(other.serviceAccounts);
    namespaces.putAll(other.namespaces);
    roles.addAll(other.roles);
    clusterRoles.addAll(other.clusterRoles);
    bindings.addAll(other.bindings);
    return this;
  }

  private static <T> void appendLists(Map<String, List<T>> into, Map<String, List<T>> later) {
    later.forEach((key, list) -> into.computeIfAbsent(key, k -> new ArrayList<>()).addAll(list));
  }

  private void addRbac(ManifestObject object) {
    switch (object.kind()) {
      case "Role" -> roles.add(RbacIndex.Role.read(object, false));
      case "ClusterRole" -> clusterRoles.add(RbacIndex.Role.read(object, true));
      case "RoleBinding" -> bindings.add(RbacIndex.Binding.read(object, false));
      case "ClusterRoleBinding" -> bindings.add(RbacIndex.Binding.read(object, true));
      default -> {}
    }
  }

  /** Default backend and every rule path, in the v1 and the v1beta1 shapes. */
  private void addIngress(ManifestObject object) {
    MapNode spec = object.root().map("spec");
    if (spec == null) {
      return;
    }
    String namespace = object.namespaceOrDefault();
    addIngressBackend(namespace, object.name(), spec.map("defaultBackend"));
    addIngressBackend(namespace, object.name(), spec.map("backend"));
    for (MapNode rule : ContextValues.maps(spec, "rules")) {
      for (MapNode path : ContextValues.maps(rule.map("http"), "paths")) {
        addIngressBackend(namespace, object.name(), path.map("backend"));
      }
    }
  }

  private void addIngressBackend(String namespace, String ingress, @Nullable MapNode backend) {
    if (backend == null) {
      return;
    }
    MapNode service = backend.map("service");
    if (service != null) {
      String name = ContextValues.text(service, "name");
      if (name != null) {
        addBackend(
            namespace,
            Backend.of(
                ingress, PortExposure.EXTERNAL, name, Backend.ingressPort(service.get("port"))));
      }
      return;
    }
    String name = ContextValues.text(backend, "serviceName");
    if (name != null) {
      addBackend(
          namespace, Backend.of(ingress, PortExposure.EXTERNAL, name, backend.get("servicePort")));
    }
  }

  /** The main and the alternate backends of a Route, when they are Services. */
  private void addRoute(ManifestObject object) {
    MapNode spec = object.root().map("spec");
    if (spec == null) {
      return;
    }
    MapNode port = spec.map("port");
    List<MapNode> targets = new ArrayList<>();
    MapNode to = spec.map("to");
    if (to != null) {
      targets.add(to);
    }
    targets.addAll(ContextValues.maps(spec, "alternateBackends"));
    for (MapNode target : targets) {
      String kind = ContextValues.text(target, "kind");
      String name = ContextValues.text(target, "name");
      if (name != null && (kind == null || kind.equals("Service"))) {
        addBackend(
            object.namespaceOrDefault(),
            Backend.of(
                object.name(),
                PortExposure.ROUTE,
                name,
                port == null ? null : port.get("targetPort")));
      }
    }
  }

  private void addBackend(String namespace, Backend backend) {
    backends
        .computeIfAbsent(ContextValues.key(namespace, backend.service()), key -> new ArrayList<>())
        .add(backend);
  }

  @Override
  public ClusterContext build() {
    Map<String, LabelIndex<ServiceSummary>> serviceIndex = new HashMap<>();
    services.forEach((namespace, list) ->
        serviceIndex.put(namespace, new LabelIndex<>(list, ServiceSummary::selector)));
    Map<String, LabelIndex<NetworkPolicySummary>> policyIndex = new HashMap<>();
    policies.forEach((namespace, list) ->
        policyIndex.put(
            namespace, new LabelIndex<>(list, policy -> policy.podSelector().matchLabels())));
    return new IndexedClusterContext(
        serviceIndex,
        copyLists(backends),
        policyIndex,
        serviceAccounts,
        namespaces,
        RbacIndex.build(roles, clusterRoles, bindings));
  }

  private static <T> Map<String, List<T>> copyLists(Map<String, List<T>> lists) {
    Map<String, List<T>> out = new HashMap<>();
    lists.forEach((key, value) -> out.put(key, List.copyOf(value)));
    return out;
  }
}
