package dev.bulwark.central.alerts;

import dev.bulwark.policy.model.EnforcementAction;
import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.Severity;
import java.util.List;

/**
 * One policy a deployment violates, as an evaluation found it.
 *
 * @param policyId the violated policy
 * @param policyName its name when evaluated
 * @param severity its severity when evaluated
 * @param stage the lifecycle stage it was evaluated at
 * @param messages what violates it, one message per finding, in the engine's words
 * @param enforcement the enforcement actions the policy asks for at that stage (may be empty)
 */
public record DetectedViolation(
    String policyId,
    String policyName,
    Severity severity,
    LifecycleStage stage,
    List<String> messages,
    List<EnforcementAction> enforcement) {
  public DetectedViolation {
    messages = List.copyOf(messages);
    enforcement = List.copyOf(enforcement);
  }
}
