package dev.bulwark.core.context;

import java.util.List;
import java.util.Map;

/**
 * What other objects of the same input say about one workload.
 *
 * @param exposedPorts every port with its widest exposure (container ports alone are INTERNAL only
 *     when a Service selects the pods; otherwise UNSET)
 * @param hasIngressPolicy a NetworkPolicy in the namespace selects the pods for ingress
 * @param hasEgressPolicy likewise for egress
 * @param rbacLevel the effective permission level of the workload's service account
 * @param namespaceLabels labels of the workload's Namespace when it is in the input
 * @param serviceAccountKnown the workload's service account is declared in the input
 * @param automountServiceAccountToken effective automount, taking the ServiceAccount into account
 */
public record WorkloadContext(
    List<ExposedPort> exposedPorts,
    boolean hasIngressPolicy,
    boolean hasEgressPolicy,
    RbacLevel rbacLevel,
    Map<String, String> namespaceLabels,
    boolean serviceAccountKnown,
    boolean automountServiceAccountToken) {
  public WorkloadContext {
    exposedPorts = List.copyOf(exposedPorts);
    namespaceLabels = Map.copyOf(namespaceLabels);
  }
}
