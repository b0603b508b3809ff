package dev.bulwark.central.risk;

import dev.bulwark.core.context.WorkloadContext;
import dev.bulwark.core.workload.Workload;
import dev.bulwark.policy.model.Severity;
import java.time.Instant;
import java.util.List;

/**
 * Everything a deployment's risk is computed from.
 *
 * @param activeAlertSeverities the severity of each of the deployment's active alerts (one entry
 *     per alert)
 * @param images the images of its containers
 * @param now the time the score is for (image age)
 */
public record RiskInput(
    Workload workload,
    WorkloadContext context,
    List<Severity> activeAlertSeverities,
    List<DeploymentImage> images,
    Instant now) {
  public RiskInput {
    activeAlertSeverities = List.copyOf(activeAlertSeverities);
    images = List.copyOf(images);
  }
}
