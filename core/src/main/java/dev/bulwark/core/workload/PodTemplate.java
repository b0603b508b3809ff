package dev.bulwark.core.workload;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.ListNode;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where an object keeps its pod spec and the metadata of the pods it makes, found by shape. See
 * {@link WorkloadExtractor} for the shapes.
 */
record PodTemplate(
    MapNode podSpec, FieldPath podSpecPath, MapNode podMetadata, FieldPath podMetadataPath) {
  private static final FieldPath SPEC = FieldPath.of("spec");

  static @Nullable PodTemplate find(ManifestObject object) {
    MapNode spec = object.root().map("spec");
    if (spec == null) {
      return null;
    }
    if (hasContainers(spec)) {
      return new PodTemplate(spec, SPEC, object.metadata(), FieldPath.of("metadata"));
    }
    PodTemplate template = fromTemplate(spec.map("template"), SPEC.key("template"));
    if (template == null) {
      MapNode jobTemplate = NodeValues.map(spec, "jobTemplate", "spec", "template");
      template = fromTemplate(jobTemplate, SPEC.key("jobTemplate").key("spec").key("template"));
    }
    return template != null ? template : nested(spec);
  }

  /** One level of operator nesting: {@code spec.X.template.spec} or {@code spec.X.spec}. */
  private static @Nullable PodTemplate nested(MapNode spec) {
    for (Map.Entry<String, MapNode.Field> entry : spec.fields().entrySet()) {
      Node value = entry.getValue().value();
      if (value instanceof MapNode child) {
        FieldPath childPath = SPEC.key(entry.getKey());
        PodTemplate template = fromTemplate(child.map("template"), childPath.key("template"));
        if (template == null) {
          template = fromTemplate(child, childPath);
        }
        if (template != null) {
          return template;
        }
      }
    }
    return null;
  }

  /** A pod template ({@code metadata} and {@code spec}) whose spec lists containers. */
  private static @Nullable PodTemplate fromTemplate(@Nullable MapNode template, FieldPath path) {
    MapNode podSpec = template == null ? null : template.map("spec");
    if (template == null || podSpec == null || !hasContainers(podSpec)) {
      return null;
    }
    MapNode metadata = template.map("metadata");
    return new PodTemplate(
        podSpec,
        path.key("spec"),
        metadata != null ? metadata : MapNode.empty(template.position()),
        path.key("metadata"));
  }

  private static boolean hasContainers(MapNode podSpec) {
    return podSpec.get("containers") instanceof ListNode;
  }
}
