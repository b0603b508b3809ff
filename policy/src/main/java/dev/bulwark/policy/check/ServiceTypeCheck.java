package dev.bulwark.policy.check;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.MapNode;
import java.util.List;
import java.util.Map;

/**
 * A Service of a type the policy forbids, by default NodePort and LoadBalancer: both publish the
 * Service outside the cluster network, on every node's address or on a cloud load balancer.
 */
final class ServiceTypeCheck implements NativeCheck {
  static final String TYPES = "types";

  @Override
  public String id() {
    return "service-type";
  }

  @Override
  public String summary() {
    return "The Service's spec.type is one of the forbidden types.";
  }

  @Override
  public Target target() {
    return Target.OBJECTS;
  }

  @Override
  public List<CheckParameter> parameters() {
    return List.of(
        new CheckParameter(
            TYPES,
            "Comma-separated forbidden Service types, compared ignoring case.",
            "NodePort,LoadBalancer"));
  }

  @Override
  public CheckEvaluator bind(Map<String, String> parameters) throws InvalidCheckParameterException {
    List<String> forbidden =
        Parameters.list(parameters, TYPES, List.of("NodePort", "LoadBalancer"));
    return (CheckEvaluator.PerObject)
        (object, workload, findings) -> {
          MapNode spec = object.root().map("spec");
          String type = spec == null ? null : spec.string("type");
          if (!object.kind().equals("Service") || !object.group().isEmpty() || type == null) {
            return;
          }
          if (forbidden.stream().anyMatch(type::equalsIgnoreCase)) {
            findings.violation(
                "Service \"" + object.name() + "\" is of type " + type + ", which is not allowed",
                FieldPath.of("spec", "type"));
          }
        };
  }
}
