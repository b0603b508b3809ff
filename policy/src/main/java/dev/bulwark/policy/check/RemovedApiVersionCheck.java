package dev.bulwark.policy.check;

import dev.bulwark.core.manifest.FieldPath;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An object written against an API version that Kubernetes no longer serves: the API server rejects
 * it, so the manifest cannot be applied. The table follows the Kubernetes deprecated API migration
 * guide; a kind-specific row wins over the row for the whole group version.
 */
final class RemovedApiVersionCheck implements NativeCheck {
  static final String KUBERNETES_VERSION = "kubernetesVersion";
  private static final Pattern VERSION = Pattern.compile("v?(\\d{1,3})\\.(\\d{1,3})(?:\\.\\d+)?");
  private static final String ANY_KIND = "*";
  private static final String POD_SECURITY_ADMISSION =
      "the kind has no successor: enforce pod security with Pod Security admission namespace"
          + " labels";

  private static final List<RemovedApi> REMOVED =
      List.of(
          removed("extensions/v1beta1", "Deployment", 16, "apps/v1"),
          removed("extensions/v1beta1", "DaemonSet", 16, "apps/v1"),
          removed("extensions/v1beta1", "ReplicaSet", 16, "apps/v1"),
          removed("extensions/v1beta1", "NetworkPolicy", 16, "networking.k8s.io/v1"),
          withoutSuccessor("extensions/v1beta1", "PodSecurityPolicy", 16, POD_SECURITY_ADMISSION),
          removed("extensions/v1beta1", ANY_KIND, 22, "networking.k8s.io/v1"),
          removed("apps/v1beta1", ANY_KIND, 16, "apps/v1"),
          removed("apps/v1beta2", ANY_KIND, 16, "apps/v1"),
          removed("batch/v2alpha1", ANY_KIND, 21, "batch/v1"),
          removed(
              "admissionregistration.k8s.io/v1beta1",
              ANY_KIND,
              22,
              "admissionregistration.k8s.io/v1"),
          removed("apiextensions.k8s.io/v1beta1", ANY_KIND, 22, "apiextensions.k8s.io/v1"),
          removed("apiregistration.k8s.io/v1beta1", ANY_KIND, 22, "apiregistration.k8s.io/v1"),
          removed("authentication.k8s.io/v1beta1", ANY_KIND, 22, "authentication.k8s.io/v1"),
          removed("authorization.k8s.io/v1beta1", ANY_KIND, 22, "authorization.k8s.io/v1"),
          removed("certificates.k8s.io/v1beta1", ANY_KIND, 22, "certificates.k8s.io/v1"),
          removed("coordination.k8s.io/v1beta1", ANY_KIND, 22, "coordination.k8s.io/v1"),
          removed("networking.k8s.io/v1beta1", ANY_KIND, 22, "networking.k8s.io/v1"),
          removed(
              "rbac.authorization.k8s.io/v1beta1", ANY_KIND, 22, "rbac.authorization.k8s.io/v1"),
          removed("scheduling.k8s.io/v1beta1", ANY_KIND, 22, "scheduling.k8s.io/v1"),
          removed("storage.k8s.io/v1beta1", "CSIStorageCapacity", 27, "storage.k8s.io/v1"),
          removed("storage.k8s.io/v1beta1", ANY_KIND, 22, "storage.k8s.io/v1"),
          removed("batch/v1beta1", ANY_KIND, 25, "batch/v1"),
          removed("discovery.k8s.io/v1beta1", ANY_KIND, 25, "discovery.k8s.io/v1"),
          removed("events.k8s.io/v1beta1", ANY_KIND, 25, "events.k8s.io/v1"),
          removed("autoscaling/v2beta1", ANY_KIND, 25, "autoscaling/v2"),
          withoutSuccessor("policy/v1beta1", "PodSecurityPolicy", 25, POD_SECURITY_ADMISSION),
          removed("policy/v1beta1", ANY_KIND, 25, "policy/v1"),
          removed("node.k8s.io/v1beta1", ANY_KIND, 25, "node.k8s.io/v1"),
          removed(
              "flowcontrol.apiserver.k8s.io/v1beta1",
              ANY_KIND,
              26,
              "flowcontrol.apiserver.k8s.io/v1"),
          removed("autoscaling/v2beta2", ANY_KIND, 26, "autoscaling/v2"),
          removed(
              "flowcontrol.apiserver.k8s.io/v1beta2",
              ANY_KIND,
              29,
              "flowcontrol.apiserver.k8s.io/v1"),
          removed(
              "flowcontrol.apiserver.k8s.io/v1beta3",
              ANY_KIND,
              32,
              "flowcontrol.apiserver.k8s.io/v1"));

  @Override
  public String id() {
    return "removed-api-version";
  }

  @Override
  public String summary() {
    return "The object's apiVersion (for its kind) is one that Kubernetes has stopped serving,"
        + " such as extensions/v1beta1 or policy/v1beta1.";
  }

  @Override
  public Target target() {
    return Target.OBJECTS;
  }

  @Override
  public List<CheckParameter> parameters() {
    return List.of(
        new CheckParameter(
            KUBERNETES_VERSION,
            "Kubernetes minor version the manifests are deployed to, such as 1.29: only APIs"
                + " removed in that version or earlier are flagged.",
            "every removal known to Bulwark is flagged"));
  }

  @Override
  public CheckEvaluator bind(Map<String, String> parameters) throws InvalidCheckParameterException {
    int target = targetMinor(parameters.get(KUBERNETES_VERSION));
    return (CheckEvaluator.PerObject)
        (object, workload, findings) -> {
          RemovedApi removal = lookup(object.apiVersion(), object.kind());
          if (removal != null && removal.minor() <= target) {
            findings.violation(removal.message(object.kind()), FieldPath.of("apiVersion"));
          }
        };
  }

  private static int targetMinor(@Nullable String version) throws InvalidCheckParameterException {
    if (version == null) {
      return Integer.MAX_VALUE;
    }
    Matcher matcher = VERSION.matcher(version.trim());
    if (!matcher.matches() || !matcher.group(1).equals("1")) {
      throw new InvalidCheckParameterException(
          KUBERNETES_VERSION,
          "expected a Kubernetes version such as 1.29, found \"" + version + "\"");
    }
    return Integer.parseInt(matcher.group(2));
  }

  private static @Nullable RemovedApi lookup(String apiVersion, String kind) {
    RemovedApi forGroupVersion = null;
    for (RemovedApi removal : REMOVED) {
      if (!removal.apiVersion().equals(apiVersion)) {
        continue;
      }
      if (removal.kind().equals(kind)) {
        return removal;
      }
      if (forGroupVersion == null && removal.kind().equals(ANY_KIND)) {
        forGroupVersion = removal;
      }
    }
    return forGroupVersion;
  }

  private static RemovedApi removed(String apiVersion, String kind, int minor, String successor) {
    return new RemovedApi(apiVersion, kind, minor, "move it to " + successor);
  }

  private static RemovedApi withoutSuccessor(
      String apiVersion, String kind, int minor, String advice) {
    return new RemovedApi(apiVersion, kind, minor, advice);
  }

  /** {@code kind} is {@link #ANY_KIND} for every kind of the group version. */
  private record RemovedApi(String apiVersion, String kind, int minor, String advice) {
    String message(String objectKind) {
      return objectKind
          + " uses API version \""
          + apiVersion
          + "\", which Kubernetes stopped serving in 1."
          + minor
          + "; "
          + advice;
    }
  }
}
