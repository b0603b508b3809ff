package dev.bulwark.policy.check;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.MapNode;
import java.util.List;
import java.util.Map;

/**
 * Clean-up of finished Jobs. A Job created on its own stays, with its pods, until someone deletes
 * it unless it sets {@code ttlSecondsAfterFinished}. A CronJob already keeps a bounded history
 * (successfulJobsHistoryLimit, failedJobsHistoryLimit); a TTL in its job template competes with
 * those limits, and whichever is stricter silently wins.
 */
final class JobTtlCheck implements NativeCheck {
  private static final String TTL = "ttlSecondsAfterFinished";

  @Override
  public String id() {
    return "job-ttl-after-finished";
  }

  @Override
  public String summary() {
    return "A Job does not set spec.ttlSecondsAfterFinished, or a CronJob sets it in its job"
        + " template.";
  }

  @Override
  public Target target() {
    return Target.OBJECTS;
  }

  @Override
  public List<CheckParameter> parameters() {
    return List.of();
  }

  @Override
  public CheckEvaluator bind(Map<String, String> parameters) {
    return (CheckEvaluator.PerObject)
        (object, workload, findings) -> {
          if (!object.group().equals("batch")) {
            return;
          }
          MapNode spec = object.root().map("spec");
          if (object.kind().equals("Job") && (spec == null || !spec.has(TTL))) {
            findings.violation(
                "Job \""
                    + object.name()
                    + "\" does not set "
                    + TTL
                    + ", so it and its pods stay after it finishes",
                FieldPath.of("spec"));
          }
          FieldPath jobSpec = FieldPath.of("spec", "jobTemplate", "spec");
          MapNode template = ManifestFields.map(object.root(), jobSpec);
          if (object.kind().equals("CronJob") && template != null && template.has(TTL)) {
            findings.violation(
                "CronJob \""
                    + object.name()
                    + "\" sets "
                    + TTL
                    + " in its job template, competing with the CronJob's history limits",
                jobSpec.key(TTL));
          }
        };
  }
}
