package dev.bulwark.detect.report;

import dev.bulwark.policy.model.Severity;
import java.util.List;

/**
 * What a report says about a policy that took part in the run.
 *
 * @param id the stable policy identifier findings refer to
 * @param name the human-readable policy name
 * @param description what the policy detects; may be empty
 * @param rationale why it matters; may be empty
 * @param remediation how to fix a violation; may be empty
 * @param categories policy categories, such as "Privileges"
 * @param controls compliance controls the policy maps to, such as "CIS-5.2.1"
 * @param enforced whether the policy has a deploy-stage enforcement action
 */
public record PolicyInfo(
    String id,
    String name,
    Severity severity,
    String description,
    String rationale,
    String remediation,
    List<String> categories,
    List<String> controls,
    boolean enforced) {
  public PolicyInfo {
    categories = List.copyOf(categories);
    controls = List.copyOf(controls);
  }
}
