package dev.bulwark.sensor.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.image.RunningImages;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.ManifestReader;
import dev.bulwark.core.manifest.ReadLimits;
import dev.bulwark.core.workload.WorkloadExtractor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Turns objects as the API server returns them into {@link ReportedObject}s: Secrets keep only
 * {@code apiVersion}, {@code kind}, {@code type} and {@code metadata}; {@code
 * metadata.managedFields} and the last-applied-configuration annotation (which may hold anything,
 * Secret data included) are dropped from every object. Stateless and thread-safe.
 */
public final class InventoryJson {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
  private static final ManifestReader READER = new ManifestReader(ReadLimits.DEFAULT);
  private static final List<String> TEMPLATE = List.of("spec", "template", "spec");
  private static final Map<String, List<String>> BUILT_IN_POD_SPECS =
      Map.of(
          "v1/Pod", List.of("spec"),
          "apps/v1/Deployment", TEMPLATE,
          "apps/v1/ReplicaSet", TEMPLATE,
          "apps/v1/StatefulSet", TEMPLATE,
          "apps/v1/DaemonSet", TEMPLATE,
          "batch/v1/Job", TEMPLATE,
          "batch/v1/CronJob", List.of("spec", "jobTemplate", "spec", "template", "spec"),
          "v1/ReplicationController", TEMPLATE);

  private InventoryJson() {}

  /**
   * Reads an object as the API server returned it; {@code json} is cleaned in place and must not be
   * used by the caller afterwards.
   *
   * @return empty when the object has no uid, kind or name (the API server always writes them)
   */
  public static Optional<ReportedObject> read(ObjectNode json) {
    clean(json);
    String uid = text(json.path("metadata").path("uid"));
    String kind = text(json.path("kind"));
    String name = text(json.path("metadata").path("name"));
    String apiVersion = text(json.path("apiVersion"));
    if (uid.isEmpty() || kind.isEmpty() || name.isEmpty() || apiVersion.isEmpty()) {
      return Optional.empty();
    }
    byte[] bytes;
    try {
      bytes = MAPPER.writeValueAsBytes(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("a JSON tree always writes", e);
    }
    return Optional.of(
        new ReportedObject(
            uid,
            apiVersion,
            kind,
            text(json.path("metadata").path("namespace")),
            name,
            controller(json.path("metadata").path("ownerReferences"), "uid"),
            controller(json.path("metadata").path("ownerReferences"), "kind"),
            runsPods(json, apiVersion, kind),
            kind.equals("Pod") ? RunningImages.of(json) : Map.of(),
            bytes));
  }

  /** Drops what must never leave the cluster. */
  static void clean(ObjectNode json) {
    if (json.path("kind").asText().equals("Secret")) {
      json.retain("apiVersion", "kind", "metadata", "type");
    }
    if (json.get("metadata") instanceof ObjectNode metadata) {
      metadata.remove("managedFields");
      if (metadata.get("annotations") instanceof ObjectNode annotations) {
        annotations.remove(LAST_APPLIED);
      }
    }
  }

  /** The object as the policy engine reads it; empty when the reader refuses it. */
  public static Optional<ManifestObject> manifest(ReportedObject object) {
    return manifest(object.tree(), object.kind() + " " + object.name());
  }

  private static Optional<ManifestObject> manifest(ObjectNode json, String name) {
    try (var tokens = json.traverse()) {
      ManifestReader.ReadResult read = READER.readJson(name, tokens);
      return read.errors().isEmpty() && read.objects().size() == 1
          ? Optional.of(read.objects().getFirst())
          : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("closing a parser over a tree cannot fail", e);
    }
  }

  private static String text(JsonNode node) {
    return node.isTextual() ? node.asText() : "";
  }

  /** A field of the controller's ownerReference (the one with {@code controller: true}). */
  private static @Nullable String controller(JsonNode owners, String field) {
    for (JsonNode owner : owners) {
      if (owner.path("controller").asBoolean(false) && owner.path("uid").isTextual()) {
        return owner.path(field).isTextual() ? owner.path(field).asText() : null;
      }
    }
    return null;
  }

  private static boolean runsPods(ObjectNode json, String apiVersion, String kind) {
    List<String> podSpec = BUILT_IN_POD_SPECS.get(apiVersion + "/" + kind);
    if (podSpec != null) {
      // The API server writes these kinds' pod spec at this one place: no manifest tree needed.
      JsonNode spec = json;
      for (String key : podSpec) {
        spec = spec.path(key);
      }
      return spec.isObject();
    }
    if (!json.path("spec").isObject()) {
      return false;
    }
    return manifest(json, kind).flatMap(WorkloadExtractor::extract).isPresent();
  }
}
