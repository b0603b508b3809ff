package dev.bulwark.core.context;

import dev.bulwark.core.workload.Workload;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The context built from one input, indexed by namespace and selector label so that {@link
 * #contextOf} only looks at the Services and NetworkPolicies that may select the workload's pods.
 * Immutable and thread-safe.
 */
final class IndexedClusterContext implements ClusterContext {
  /** A ServiceAccount's automount setting, null when it does not say. */
  record ServiceAccountSummary(@Nullable Boolean automountServiceAccountToken) {}

  private final Map<String, LabelIndex<ServiceSummary>> servicesByNamespace;
  private final Map<String, List<Backend>> backendsByService;
  private final Map<String, LabelIndex<NetworkPolicySummary>> policiesByNamespace;
  private final Map<String, ServiceAccountSummary> serviceAccounts;
  private final Map<String, Map<String, String>> namespaceLabels;
  private final RbacIndex rbac;

  IndexedClusterContext(
      Map<String, LabelIndex<ServiceSummary>> servicesByNamespace,
      Map<String, List<Backend>> backendsByService,
      Map<String, LabelIndex<NetworkPolicySummary>> policiesByNamespace,
      Map<String, ServiceAccountSummary> serviceAccounts,
      Map<String, Map<String, String>> namespaceLabels,
      RbacIndex rbac) {
    this.servicesByNamespace = Map.copyOf(servicesByNamespace);
    this.backendsByService = Map.copyOf(backendsByService);
    this.policiesByNamespace = Map.copyOf(policiesByNamespace);
    this.serviceAccounts = Map.copyOf(serviceAccounts);
    this.namespaceLabels = Map.copyOf(namespaceLabels);
    this.rbac = rbac;
  }

  /**
   * {@inheritDoc}
   *
   * <p>The service account is known when the input declares it in the workload's namespace, or when
   * it is {@code default}, which every namespace has. Automount is the pod's own setting, else the
   * ServiceAccount's, else true.
   */
  @Override
  public WorkloadContext contextOf(Workload workload) {
    String namespace = workload.namespace();
    String account = workload.serviceAccountName();
    ServiceAccountSummary serviceAccount =
        serviceAccounts.get(ContextValues.key(namespace, account));
    boolean ingress = false;
    boolean egress = false;
    for (NetworkPolicySummary policy : candidates(policiesByNamespace, workload)) {
      if (policy.podSelector().matches(workload.podLabels())) {
        ingress |= policy.ingress();
        egress |= policy.egress();
      }
    }
    return new WorkloadContext(
        PortExposures.of(workload, candidates(servicesByNamespace, workload), backendsByService),
        ingress,
        egress,
        rbac.levelOf(namespace, account),
        namespaceLabels.getOrDefault(namespace, Map.of()),
        serviceAccount != null || account.equals("default"),
        automount(workload, serviceAccount));
  }

  private static <T> List<T> candidates(Map<String, LabelIndex<T>> index, Workload workload) {
    LabelIndex<T> namespaceIndex = index.get(workload.namespace());
    return namespaceIndex == null ? List.of() : namespaceIndex.candidates(workload.podLabels());
  }

  private static boolean automount(
      Workload workload, @Nullable ServiceAccountSummary serviceAccount) {
    if (workload.podAutomountServiceAccountToken() != null) {
      return workload.podAutomountServiceAccountToken();
    }
    if (serviceAccount != null && serviceAccount.automountServiceAccountToken() != null) {
      return serviceAccount.automountServiceAccountToken();
    }
    return true;
  }
}
