package dev.bulwark.core.workload;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.ManifestObject;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The workload view of any object that runs pods: Pod, Deployment, StatefulSet, CronJob, an Argo
 * Rollout, a Knative Service, any custom resource with a pod template. Built once per object by
 * {@link WorkloadExtractor}; immutable.
 *
 * @param object the object this view was built from
 * @param podSpecPath path of the pod spec in the object, e.g. {@code spec.template.spec}
 * @param podLabels labels of the pod template (the object's labels for a bare Pod)
 * @param podAnnotations annotations of the pod template (the object's for a bare Pod)
 * @param namespace {@code metadata.namespace}, {@code default} when unset
 * @param replicas declared {@code spec.replicas}; 1 when a replicated built-in kind (Deployment,
 *     StatefulSet, ReplicaSet, ReplicationController, DeploymentConfig, Rollout) does not say; null
 *     for kinds without replicas (Pod, DaemonSet, Job, CronJob) and for other kinds that do not say
 * @param serviceAccountName effective service account name ({@code default} when unset)
 * @param automountServiceAccountToken effective automount (pod setting, else true; true with a
 *     mounted projected service account token; the service account's own setting is applied by the
 *     context when the ServiceAccount is in the input)
 * @param podAutomountServiceAccountToken the pod spec's own {@code automountServiceAccountToken},
 *     null when the pod does not set it (then the ServiceAccount's setting applies); true when a
 *     container mounts a projected service account token, which gives it a token regardless
 */
public record Workload(
    ManifestObject object,
    String kind,
    String name,
    String namespace,
    Map<String, String> labels,
    Map<String, String> annotations,
    Map<String, String> podLabels,
    Map<String, String> podAnnotations,
    FieldPath podSpecPath,
    @Nullable Integer replicas,
    boolean hostNetwork,
    boolean hostPid,
    boolean hostIpc,
    String serviceAccountName,
    boolean automountServiceAccountToken,
    @Nullable Boolean podAutomountServiceAccountToken,
    @Nullable String runtimeClassName,
    List<Volume> volumes,
    List<Container> containers,
    Map<String, String> nodeSelector,
    List<String> sysctls) {
  public Workload {
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
    podLabels = Map.copyOf(podLabels);
    podAnnotations = Map.copyOf(podAnnotations);
    volumes = List.copyOf(volumes);
    containers = List.copyOf(containers);
    nodeSelector = Map.copyOf(nodeSelector);
    sysctls = List.copyOf(sysctls);
  }

  /**
   * For workloads built by hand (tests, other front ends) without the pod's own automount setting:
   * {@code false} is taken as set by the pod, {@code true} as the default, so that a ServiceAccount
   * that disables automount still applies.
   */
  public Workload(
      ManifestObject object,
      String kind,
      String name,
      String namespace,
      Map<String, String> labels,
      Map<String, String> annotations,
      Map<String, String> podLabels,
      Map<String, String> podAnnotations,
      FieldPath podSpecPath,
      @Nullable Integer replicas,
      boolean hostNetwork,
      boolean hostPid,
      boolean hostIpc,
      String serviceAccountName,
      boolean automountServiceAccountToken,
      @Nullable String runtimeClassName,
      List<Volume> volumes,
      List<Container> containers,
      Map<String, String> nodeSelector,
      List<String> sysctls) {
    this(
        object,
        kind,
        name,
        namespace,
        labels,
        annotations,
        podLabels,
        podAnnotations,
        podSpecPath,
        replicas,
        hostNetwork,
        hostPid,
        hostIpc,
        serviceAccountName,
        automountServiceAccountToken,
        automountServiceAccountToken ? null : Boolean.FALSE,
        runtimeClassName,
        volumes,
        containers,
        nodeSelector,
        sysctls);
  }
}
