package dev.bulwark.sensor.evaluation;

import dev.bulwark.policy.model.EnforcementAction;
import dev.bulwark.policy.model.Severity;
import java.util.List;

/**
 * One enforced policy a deployment violates, at the DEPLOY stage, after waivers (annotations and
 * exceptions in force) are left out.
 *
 * @param policyId the policy's id
 * @param policyName its name
 * @param severity its severity
 * @param messages what violates it, one message per finding
 * @param enforcement the DEPLOY-stage enforcement actions the policy asks for (may be empty)
 */
public record PolicyViolation(
    String policyId,
    String policyName,
    Severity severity,
    List<String> messages,
    List<EnforcementAction> enforcement) {
  public PolicyViolation {
    messages = List.copyOf(messages);
    enforcement = List.copyOf(enforcement);
  }
}
