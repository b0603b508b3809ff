package dev.bulwark.policy.check;

import dev.bulwark.core.workload.EnvVar;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An environment variable a container's {@code env} sets twice: only the last value counts, so the
 * first one is dead configuration that readers take for live. Imports with {@code envFrom} are not
 * compared, since overriding an imported key is what {@code env} is for.
 */
final class DuplicateEnvVarCheck implements NativeCheck {
  @Override
  public String id() {
    return "duplicate-env-var";
  }

  @Override
  public String summary() {
    return "The container's env list names the same variable more than once.";
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
          Map<String, Integer> seen = new HashMap<>();
          for (EnvVar variable : container.env()) {
            if (!EnvVars.isDeclared(variable)) {
              continue;
            }
            int count = seen.merge(variable.name(), 1, Integer::sum);
            if (count == 2) {
              findings.violation(
                  "Container \""
                      + container.name()
                      + "\" sets environment variable "
                      + variable.name()
                      + " more than once",
                  variable.path());
            }
          }
        };
  }
}
