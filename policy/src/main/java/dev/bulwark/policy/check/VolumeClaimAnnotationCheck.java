package dev.bulwark.policy.check;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import java.util.List;
import java.util.Map;

/**
 * A StatefulSet volume claim template without a required annotation, such as the one a backup or
 * storage operator reads: claims created from the template would miss it for their whole life,
 * since StatefulSets never update existing claims.
 */
final class VolumeClaimAnnotationCheck implements NativeCheck {
  static final String ANNOTATION = "annotation";

  @Override
  public String id() {
    return "volume-claim-template-annotation";
  }

  @Override
  public String summary() {
    return "A volumeClaimTemplates entry of the StatefulSet lacks the annotation, or leaves it"
        + " empty.";
  }

  @Override
  public Target target() {
    return Target.OBJECTS;
  }

  @Override
  public List<CheckParameter> parameters() {
    return List.of(
        CheckParameter.required(
            ANNOTATION,
            "The annotation key every claim template must carry.",
            "backup.example.com/policy"));
  }

  @Override
  public CheckEvaluator bind(Map<String, String> parameters) throws InvalidCheckParameterException {
    String annotation = Parameters.required(parameters, ANNOTATION);
    return (CheckEvaluator.PerObject)
        (object, workload, findings) -> {
          if (!object.kind().equals("StatefulSet") || !object.group().equals("apps")) {
            return;
          }
          MapNode spec = object.root().map("spec");
          List<Node> templates = spec == null ? List.of() : spec.list("volumeClaimTemplates");
          for (int i = 0; i < templates.size(); i++) {
            MapNode metadata =
                templates.get(i) instanceof MapNode template ? template.map("metadata") : null;
            String value =
                metadata == null ? null : metadata.stringMap("annotations").get(annotation);
            if (value == null || value.isEmpty()) {
              String name = metadata == null ? null : metadata.string("name");
              findings.violation(
                  "StatefulSet \""
                      + object.name()
                      + "\" has volume claim template "
                      + (name == null ? "#" + i : "\"" + name + "\"")
                      + " without annotation "
                      + annotation,
                  FieldPath.of("spec", "volumeClaimTemplates").index(i));
            }
          }
        };
  }
}
