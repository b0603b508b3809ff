package dev.bulwark.policy.pss;

import dev.bulwark.core.manifest.ManifestObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Evaluates pods against the Pod Security Standards the way the Kubernetes PodSecurity admission
 * plugin does: the same checks, IDs and version-specific behaviour, on the object as written.
 * Static, pure and thread-safe.
 *
 * <p>Like the plugin, evaluation reads the pod after the API server's defaulting; the one default
 * that changes a verdict is applied here: a volume that names no source is an {@code emptyDir}.
 * Exemptions (users, runtime classes, namespaces) are cluster configuration and not known here.
 */
public final class PodSecurityStandards {
  private PodSecurityStandards() {}

  /** Evaluates {@code pod} at {@code policy}; the privileged level allows every pod. */
  public static PodSecurityResult evaluate(PodDefinition pod, LevelVersion policy) {
    List<FailedCheck> failed = new ArrayList<>();
    for (PodSecurityChecks.ActiveCheck check : PodSecurityChecks.activeAt(policy)) {
      CheckFailure failure = check.rule().evaluate(pod);
      if (failure != null) {
        failed.add(
            new FailedCheck(
                check.id(),
                failure.message(),
                failure.path(),
                pod.object().locate(failure.path())));
      }
    }
    return new PodSecurityResult(policy, failed);
  }

  /**
   * Evaluates the pod of {@code object} (a Pod, or the pod template of a workload); empty when the
   * object has no pod spec.
   */
  public static Optional<PodSecurityResult> evaluate(ManifestObject object, LevelVersion policy) {
    return PodDefinition.of(object).map(pod -> evaluate(pod, policy));
  }
}
