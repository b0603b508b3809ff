package dev.bulwark.sensor.watch;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the custom resources that run pods: those whose served, stored version's schema has a pod
 * template at {@code spec.template.spec} or {@code spec.jobTemplate.spec.template.spec} (the shapes
 * {@code bulwark check} reads). Custom resources defined after the sensor started are found by the
 * definitions' own informer ({@link ClusterWatch}). Stateless.
 */
final class PodTemplateResources {
  private static final Logger LOG = LoggerFactory.getLogger(PodTemplateResources.class);
  private static final List<List<String>> TEMPLATE_PATHS =
      List.of(
          List.of("spec", "template", "spec"),
          List.of("spec", "jobTemplate", "spec", "template", "spec"));

  private final KubernetesClient client;

  PodTemplateResources(KubernetesClient client) {
    this.client = client;
  }

  /** The custom kinds with pod templates, leaving out {@code known} ones. */
  List<WatchedKind> discover(List<WatchedKind> known) {
    List<CustomResourceDefinition> definitions;
    try {
      definitions = client.apiextensions().v1().customResourceDefinitions().list().getItems();
    } catch (KubernetesClientException e) {
      LOG.warn(
          "cannot list CustomResourceDefinitions ({}); custom resources with pod templates are"
              + " not watched",
          e.getMessage());
      return List.of();
    }
    List<WatchedKind> kinds = new ArrayList<>();
    for (CustomResourceDefinition definition : definitions) {
      kinds(definition).stream().filter(kind -> !known.contains(kind)).forEach(kinds::add);
    }
    if (!kinds.isEmpty()) {
      LOG.info("custom resources with pod templates: {}", kinds);
    }
    return kinds;
  }

  /** The kinds of a definition whose served, stored version has a pod template. */
  static List<WatchedKind> kinds(CustomResourceDefinition definition) {
    List<WatchedKind> kinds = new ArrayList<>();
    if (definition.getSpec() == null) {
      return kinds;
    }
    String group = definition.getSpec().getGroup();
    String kind = definition.getSpec().getNames().getKind();
    for (CustomResourceDefinitionVersion version : definition.getSpec().getVersions()) {
      if (Boolean.TRUE.equals(version.getServed())
          && Boolean.TRUE.equals(version.getStorage())
          && hasPodTemplate(version)) {
        kinds.add(new WatchedKind(group + "/" + version.getName(), kind));
      }
    }
    return kinds;
  }

  /** Whether the API server serves the definition's kinds yet. */
  static boolean established(CustomResourceDefinition definition) {
    return definition.getStatus() != null
        && definition.getStatus().getConditions() != null
        && definition.getStatus().getConditions().stream()
            .anyMatch(condition ->
                "Established".equals(condition.getType()) && "True".equals(condition.getStatus()));
  }

  static boolean hasPodTemplate(CustomResourceDefinitionVersion version) {
    if (version.getSchema() == null) {
      return false;
    }
    JSONSchemaProps root = version.getSchema().getOpenAPIV3Schema();
    for (List<String> path : TEMPLATE_PATHS) {
      if (at(root, path) != null) {
        return true;
      }
    }
    return false;
  }

  private static @Nullable JSONSchemaProps at(@Nullable JSONSchemaProps schema, List<String> path) {
    JSONSchemaProps current = schema;
    for (String key : path) {
      if (current == null) {
        return null;
      }
      Map<String, JSONSchemaProps> properties = current.getProperties();
      current = properties == null ? null : properties.get(key);
    }
    return current;
  }
}
