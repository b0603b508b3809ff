package dev.bulwark.policy.check;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.MapNode;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A workload whose update strategy is not an allowed one, by default a rolling update: Recreate (or
 * OnDelete) takes every replica down at once, or leaves old pods running until someone deletes
 * them. An unset strategy is the kind's rolling default.
 */
final class UpdateStrategyCheck implements NativeCheck {
  static final String ALLOWED = "allowed";

  @Override
  public String id() {
    return "update-strategy";
  }

  @Override
  public String summary() {
    return "The Deployment, DaemonSet, StatefulSet or DeploymentConfig sets an update strategy"
        + " type that the allowed expression does not match.";
  }

  @Override
  public Target target() {
    return Target.OBJECTS;
  }

  @Override
  public List<CheckParameter> parameters() {
    return List.of(
        new CheckParameter(
            ALLOWED,
            "RE2 expression the strategy type must match (a leading ! negates it).",
            "RollingUpdate|Rolling"));
  }

  @Override
  public CheckEvaluator bind(Map<String, String> parameters) throws InvalidCheckParameterException {
    TextMatcher allowed =
        TextMatcher.compile(ALLOWED, Parameters.text(parameters, ALLOWED, "RollingUpdate|Rolling"));
    return (CheckEvaluator.PerObject)
        (object, workload, findings) -> {
          String field = strategyField(object.group() + "/" + object.kind());
          if (field == null) {
            return;
          }
          FieldPath typePath = FieldPath.of("spec", field, "type");
          MapNode strategy = ManifestFields.map(object.root(), FieldPath.of("spec", field));
          String type = strategy == null ? null : strategy.string("type");
          if (type != null && !allowed.matches(type)) {
            findings.violation(
                object.kind()
                    + " \""
                    + object.name()
                    + "\" updates with the "
                    + type
                    + " strategy, which is not allowed ("
                    + allowed.source()
                    + ")",
                typePath);
          }
        };
  }

  private static @Nullable String strategyField(String groupKind) {
    return switch (groupKind) {
      case "apps/Deployment", "extensions/Deployment", "apps.openshift.io/DeploymentConfig" ->
          "strategy";
      case "apps/DaemonSet", "extensions/DaemonSet", "apps/StatefulSet" -> "updateStrategy";
      default -> null;
    };
  }
}
