package dev.bulwark.policy.criteria;

import dev.bulwark.core.context.PortExposure;
import dev.bulwark.policy.field.PolicyField;
import dev.bulwark.policy.model.PolicyGroup;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Port criteria: in a section, all of them must hold for the same port of the same container. */
final class PortCriteria {
  private PortCriteria() {}

  static @Nullable Criterion<PortElement> exposedPort(
      PolicyGroup group, List<ValueProblem> problems) {
    return CriterionBuilder.<PortElement, Double>of(PolicyField.EXPOSED_PORT, group)
        .values(problems, Values::number)
        .reads(element -> (double) element.port().containerPort())
        .describedAs(PortCriteria::describe)
        .at(element -> element.port().path())
        .build();
  }

  static @Nullable Criterion<PortElement> exposedPortProtocol(
      PolicyGroup group, List<ValueProblem> problems) {
    return CriterionBuilder.<PortElement, String>of(PolicyField.EXPOSED_PORT_PROTOCOL, group)
        .values(problems, Values::text)
        .reads(element -> element.port().protocol())
        .describedAs(PortCriteria::describe)
        .at(element -> element.port().path())
        .build();
  }

  /** Only ports reachable on a node or host port have a value. */
  static @Nullable Criterion<PortElement> exposedNodePort(
      PolicyGroup group, List<ValueProblem> problems) {
    return CriterionBuilder.<PortElement, Double>of(PolicyField.EXPOSED_NODE_PORT, group)
        .values(problems, Values::number)
        .reads(element -> element.nodePort() > 0 ? (double) element.nodePort() : null)
        .describedAs(PortCriteria::describe)
        .at(element -> element.port().path())
        .build();
  }

  static @Nullable Criterion<PortElement> portExposureMethod(
      PolicyGroup group, List<ValueProblem> problems) {
    return CriterionBuilder.<PortElement, PortExposure>of(PolicyField.PORT_EXPOSURE_METHOD, group)
        .values(
            problems,
            value -> {
              PortExposure expected = Values.constant(PortExposure.class, value);
              return actual -> actual == expected;
            })
        .reads(PortElement::exposure)
        .describedAs(PortCriteria::describe)
        .at(element -> element.port().path())
        .build();
  }

  static String describe(PortElement element) {
    String port =
        element.port().containerPort()
            + "/"
            + element.port().protocol()
            + " of container "
            + Text.quote(element.container().name());
    String via = element.via() == null ? "" : " by " + Text.quote(element.via());
    return switch (element.exposure()) {
      case UNSET ->
          Text.container(element.container().name())
              + " declares port "
              + element.port().containerPort()
              + "/"
              + element.port().protocol();
      case INTERNAL -> "Port " + port + " is exposed inside the cluster" + via;
      case EXTERNAL -> "Port " + port + " is exposed outside the cluster" + via;
      case NODE -> "Port " + port + " is exposed on node port " + element.nodePort() + via;
      case HOST -> "Port " + port + " is exposed on host port " + element.nodePort();
      case ROUTE -> "Port " + port + " is exposed" + via;
    };
  }
}
