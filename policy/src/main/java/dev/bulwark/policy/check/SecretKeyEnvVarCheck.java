package dev.bulwark.policy.check;

import dev.bulwark.core.workload.EnvVar;
import java.util.List;
import java.util.Map;

/**
 * An environment variable filled from a Secret key ({@code valueFrom.secretKeyRef}). Environment
 * variables leak: child processes inherit them, crash reports and debug endpoints print them, and
 * they cannot be rotated without a restart; mounted Secret files have none of these problems.
 */
final class SecretKeyEnvVarCheck implements NativeCheck {
  @Override
  public String id() {
    return "secret-key-env-var";
  }

  @Override
  public String summary() {
    return "An env entry of the container takes its value from a Secret key"
        + " (valueFrom.secretKeyRef).";
  }

  @Override
  public Target target() {
    return Target.CONTAINERS;
  }

  @Override
  public List<CheckParameter> parameters() {
    return List.of();
  }

  @Override
  public CheckEvaluator bind(Map<String, String> parameters) {
    return (CheckEvaluator.PerContainer)
        (container, workload, findings) -> {
          for (EnvVar variable : container.env()) {
            if (variable.source() == EnvVar.Source.SECRET_KEY && EnvVars.isDeclared(variable)) {
              findings.violation(
                  "Container \""
                      + container.name()
                      + "\" reads Secret key "
                      + variable.value()
                      + " into environment variable "
                      + variable.name(),
                  variable.path().key("valueFrom").key("secretKeyRef"));
            }
          }
        };
  }
}
