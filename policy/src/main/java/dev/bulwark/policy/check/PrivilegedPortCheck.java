package dev.bulwark.policy.check;

import dev.bulwark.core.workload.ContainerPort;
import java.util.List;
import java.util.Map;

/**
 * A container port below 1024. Binding such a port needs root or the NET_BIND_SERVICE capability,
 * so a workload that declares one usually runs with more privilege than it needs.
 */
final class PrivilegedPortCheck implements NativeCheck {
  static final String BELOW = "below";

  @Override
  public String id() {
    return "privileged-port";
  }

  @Override
  public String summary() {
    return "The container declares a containerPort from 1 to 1023 (a port only root may bind).";
  }

  @Override
  public Target target() {
    return Target.CONTAINERS;
  }

  @Override
  public List<CheckParameter> parameters() {
    return List.of(
        new CheckParameter(
            BELOW, "Ports below this number are privileged.", "1024, the Linux default"));
  }

  @Override
  public CheckEvaluator bind(Map<String, String> parameters) throws InvalidCheckParameterException {
    int below = Parameters.integer(parameters, BELOW, 1024, 1);
    return (CheckEvaluator.PerContainer)
        (container, workload, findings) -> {
          for (ContainerPort port : container.ports()) {
            if (port.containerPort() > 0 && port.containerPort() < below) {
              findings.violation(
                  "Container \""
                      + container.name()
                      + "\" listens on privileged port "
                      + port.containerPort(),
                  port.path().key("containerPort"));
            }
          }
        };
  }
}
