package dev.bulwark.core.context;

import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.workload.Workload;

/**
 * The cross-object context of one input: Services, Ingresses, Routes, NetworkPolicies,
 * ServiceAccounts, Roles, ClusterRoles, both binding kinds and Namespaces, kept as compact
 * summaries (never whole objects) so that memory stays bounded.
 *
 * <p>Build it with {@link #builder()}, feeding every object of the input (objects of other kinds
 * are ignored cheaply); then it is immutable and thread-safe.
 */
public interface ClusterContext {
  WorkloadContext contextOf(Workload workload);

  /** True for kinds the context reads; readers may skip parsing other documents in a first pass. */
  static boolean isContextKind(String kind) {
    return switch (kind) {
      case "Service",
          "Ingress",
          "Route",
          "NetworkPolicy",
          "ServiceAccount",
          "Role",
          "ClusterRole",
          "RoleBinding",
          "ClusterRoleBinding",
          "Namespace" ->
          true;
      default -> false;
    };
  }

  /** A new, empty builder. */
  static Builder builder() {
    return new ContextBuilder();
  }

  /** An empty context: nothing exposed, no policies, DEFAULT RBAC. */
  static ClusterContext empty() {
    return builder().build();
  }

  /**
   * Accumulates context objects; not thread-safe. To read sources in parallel, give each its own
   * builder and combine them in input order with {@link #addAll}: the result equals adding every
   * object to one builder in that order.
   */
  interface Builder {
    Builder add(ManifestObject object);

    /** Adds what {@code later} accumulated, as if its objects came after this builder's. */
    Builder addAll(Builder later);

    ClusterContext build();
  }
}
