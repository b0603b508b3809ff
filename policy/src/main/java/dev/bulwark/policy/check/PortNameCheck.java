package dev.bulwark.policy.check;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import dev.bulwark.core.manifest.ScalarNode;
import dev.bulwark.core.workload.Container;
import dev.bulwark.core.workload.ContainerPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Port names and Service target ports the API server rejects. A port name must be an IANA service
 * name: at most 15 characters, lower-case letters, digits and single hyphens inside, at least one
 * letter. A numeric target port must be from 1 to 65535.
 */
final class PortNameCheck implements NativeCheck {
  private static final int LONGEST_NAME = 15;
  private static final int HIGHEST_PORT = 65535;

  @Override
  public String id() {
    return "invalid-port-name";
  }

  @Override
  public String summary() {
    return "A container port name, or a Service targetPort, is not a valid port name (IANA"
        + " service name) or port number.";
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
          if (workload != null) {
            for (Container container : workload.containers()) {
              for (ContainerPort port : container.ports()) {
                String name = port.name();
                String problem = name == null || name.isEmpty() ? null : nameProblem(name);
                if (problem != null) {
                  findings.violation(
                      "Container \""
                          + container.name()
                          + "\" names a port \""
                          + name
                          + "\", which "
                          + problem,
                      port.path().key("name"));
                }
              }
            }
          } else if (object.kind().equals("Service") && object.group().isEmpty()) {
            List<Node> ports =
                object.root().map("spec") instanceof MapNode spec ? spec.list("ports") : List.of();
            for (int i = 0; i < ports.size(); i++) {
              if (ports.get(i) instanceof MapNode port
                  && port.get("targetPort") instanceof ScalarNode target) {
                String problem = targetPortProblem(target);
                if (problem != null) {
                  findings.violation(
                      "Service \""
                          + object.name()
                          + "\" has targetPort \""
                          + target.asText()
                          + "\", which "
                          + problem,
                      FieldPath.of("spec", "ports").index(i).key("targetPort"));
                }
              }
            }
          }
        };
  }

  private static @Nullable String targetPortProblem(ScalarNode target) {
    if (target.type() != ScalarNode.Type.INTEGER) {
      String text = target.asText();
      return text == null ? null : nameProblem(text);
    }
    Long number = target.asLong();
    if (number == null || number < 0 || number > HIGHEST_PORT) {
      return "is not a port number from 1 to " + HIGHEST_PORT;
    }
    return null;
  }

  /** What makes {@code name} an invalid port name, or null when it is valid. */
  static @Nullable String nameProblem(String name) {
    List<String> problems = new ArrayList<>();
    if (name.length() > LONGEST_NAME) {
      problems.add("is longer than " + LONGEST_NAME + " characters");
    }
    if (!name.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
      problems.add("has characters other than lower-case letters, digits and hyphens");
    }
    if (name.chars().noneMatch(c -> c >= 'a' && c <= 'z')) {
      problems.add("has no letter");
    }
    if (name.startsWith("-") || name.endsWith("-") || name.contains("--")) {
      problems.add("starts or ends with a hyphen or has two in a row");
    }
    return problems.isEmpty() ? null : String.join(" and ", problems);
  }
}
