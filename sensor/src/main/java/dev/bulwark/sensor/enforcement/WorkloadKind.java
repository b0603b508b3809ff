package dev.bulwark.sensor.enforcement;

import dev.bulwark.sensor.evaluation.DeploymentRef;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.Optional;

/**
 * The kinds enforcement knows, with what each can do: scale to zero ({@code spec.replicas}), be
 * suspended ({@code spec.suspend}, CronJobs), or take a node selector in a pod template that may
 * still change (a Job's template cannot, a bare pod's spec cannot).
 */
enum WorkloadKind {
  DEPLOYMENT("apps", "Deployment", "deployments", Capability.SCALE, List.of("spec", "template")),
  STATEFUL_SET(
      "apps", "StatefulSet", "statefulsets", Capability.SCALE, List.of("spec", "template")),
  REPLICA_SET("apps", "ReplicaSet", "replicasets", Capability.SCALE, List.of("spec", "template")),
  REPLICATION_CONTROLLER(
      "",
      "ReplicationController",
      "replicationcontrollers",
      Capability.SCALE,
      List.of("spec", "template")),
  DEPLOYMENT_CONFIG(
      "apps.openshift.io",
      "DeploymentConfig",
      "deploymentconfigs",
      Capability.SCALE,
      List.of("spec", "template")),
  CRON_JOB(
      "batch",
      "CronJob",
      "cronjobs",
      Capability.SUSPEND,
      List.of("spec", "jobTemplate", "spec", "template")),
  DAEMON_SET("apps", "DaemonSet", "daemonsets", Capability.NONE, List.of("spec", "template")),
  JOB("batch", "Job", "jobs", Capability.NONE, List.of()),
  POD("", "Pod", "pods", Capability.NONE, List.of());

  /** How a kind stops running its pods when scaled to zero. */
  enum Capability {
    SCALE,
    SUSPEND,
    NONE
  }

  private final String group;
  private final String kind;
  private final String plural;
  private final Capability capability;
  private final List<String> podTemplate;

  WorkloadKind(
      String group, String kind, String plural, Capability capability, List<String> podTemplate) {
    this.group = group;
    this.kind = kind;
    this.plural = plural;
    this.capability = capability;
    this.podTemplate = podTemplate;
  }

  /** The kind of {@code deployment}, matched by API group and kind; empty for any other kind. */
  static Optional<WorkloadKind> of(DeploymentRef deployment) {
    String apiVersion = deployment.apiVersion();
    int slash = apiVersion.indexOf('/');
    String apiGroup = slash < 0 ? "" : apiVersion.substring(0, slash);
    for (WorkloadKind candidate : values()) {
      if (candidate.kind.equals(deployment.kind()) && candidate.group.equals(apiGroup)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  String kind() {
    return kind;
  }

  Capability capability() {
    return capability;
  }

  /**
   * The path of the pod template's {@code spec}'s parent; empty when the kind has none to change.
   */
  List<String> podTemplate() {
    return podTemplate;
  }

  boolean hasMutablePodTemplate() {
    return !podTemplate.isEmpty();
  }

  /** Where the API server serves it, in {@code deployment}'s API version (no discovery needed). */
  ResourceDefinitionContext resource(DeploymentRef deployment) {
    String apiVersion = deployment.apiVersion();
    int slash = apiVersion.indexOf('/');
    return new ResourceDefinitionContext.Builder()
        .withGroup(group)
        .withVersion(slash < 0 ? apiVersion : apiVersion.substring(slash + 1))
        .withKind(kind)
        .withPlural(plural)
        .withNamespaced(true)
        .build();
  }
}
