package dev.bulwark.central.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.central.api.FieldError;
import dev.bulwark.core.image.RunningImages;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.ManifestReader;
import dev.bulwark.core.manifest.ReadLimits;
import dev.bulwark.core.workload.WorkloadExtractor;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One Kubernetes object as a sensor reported it, checked and cleaned: Secret data, managed fields
 * and the last-applied-configuration annotation are gone before anything is stored. Immutable once
 * built (the tree is not shared with the request).
 *
 * @param namespace empty for cluster-scoped objects
 * @param ownerUid the uid of its controller (an ownerReference with {@code controller: true})
 * @param workload whether the object runs pods
 * @param runningImages for pods: container name to the digest of the image it runs
 * @param text {@code json} written as JSON, as it is stored
 */
public record InventoryObject(
    String uid,
    String apiVersion,
    String kind,
    String namespace,
    String name,
    @Nullable String ownerUid,
    boolean workload,
    Map<String, String> runningImages,
    ObjectNode json,
    String text) {
  static final int MAX_NAME_LENGTH = 253;
  static final int MAX_UID_LENGTH = 128;
  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
  private static final ManifestReader READER = new ManifestReader(ReadLimits.DEFAULT);
  private static final String[] TEMPLATE = {"spec", "template", "spec"};
  private static final Map<String, String[]> BUILT_IN_POD_SPECS =
      Map.of(
          "v1/Pod", new String[] {"spec"},
          "apps/v1/Deployment", TEMPLATE,
          "apps/v1/ReplicaSet", TEMPLATE,
          "apps/v1/StatefulSet", TEMPLATE,
          "apps/v1/DaemonSet", TEMPLATE,
          "batch/v1/Job", TEMPLATE,
          "batch/v1/CronJob", new String[] {"spec", "jobTemplate", "spec", "template", "spec"},
          "v1/ReplicationController", TEMPLATE);

  public InventoryObject {
    runningImages = Map.copyOf(runningImages);
  }

  /** The identity of an object to delete: its uid (kind and names are informative). */
  record Reference(String uid, String kind, String namespace, String name) {}

  /**
   * Reads a reported object.
   *
   * @param pointer the JSON pointer of {@code node} in the request, for errors
   * @param errors receives what is wrong; the result is empty when something is
   */
  static Optional<InventoryObject> read(JsonNode node, String pointer, List<FieldError> errors) {
    Optional<Reference> reference = reference(node, pointer, errors, true);
    if (reference.isEmpty()) {
      return Optional.empty();
    }
    // The request's own tree: cleaned in place, never used by the caller again.
    ObjectNode json = (ObjectNode) node;
    JsonNode owners = json.path("metadata").path("ownerReferences");
    if (!owners.isMissingNode() && !owners.isNull() && !owners.isArray()) {
      errors.add(new FieldError(pointer + "/metadata/ownerReferences", "must be an array"));
      return Optional.empty();
    }
    clean(json);
    String text = ObjectTable.write(json);
    if (text.contains("\\u0000")) {
      errors.add(
          new FieldError(
              pointer, "must not contain the character U+0000, which PostgreSQL cannot store"));
      return Optional.empty();
    }
    Reference ref = reference.get();
    return Optional.of(
        new InventoryObject(
            ref.uid(),
            json.get("apiVersion").asText(),
            ref.kind(),
            ref.namespace(),
            ref.name(),
            controller(owners),
            runsPods(json, ref),
            ref.kind().equals("Pod") ? RunningImages.of(json) : Map.of(),
            json,
            text));
  }

  /**
   * Reads the identity of an object.
   *
   * @param complete whether apiVersion, kind and name are required too (they are for upserts)
   */
  static Optional<Reference> reference(
      JsonNode node, String pointer, List<FieldError> errors, boolean complete) {
    if (!node.isObject()) {
      errors.add(new FieldError(pointer, "must be a Kubernetes object (a JSON object)"));
      return Optional.empty();
    }
    int before = errors.size();
    text(node, "apiVersion", pointer + "/apiVersion", complete, 128, errors);
    String kind = text(node, "kind", pointer + "/kind", complete, 128, errors);
    JsonNode metadata = node.path("metadata");
    if (!metadata.isObject()) {
      errors.add(new FieldError(pointer + "/metadata", "is required and must be an object"));
      return Optional.empty();
    }
    String where = pointer + "/metadata";
    String name = text(metadata, "name", where + "/name", complete, MAX_NAME_LENGTH, errors);
    String namespace = text(metadata, "namespace", where + "/namespace", false, 63, errors);
    String uid = text(metadata, "uid", where + "/uid", true, MAX_UID_LENGTH, errors);
    if (errors.size() > before) {
      return Optional.empty();
    }
    return Optional.of(new Reference(uid, kind, namespace, name));
  }

  /**
   * A string field; records an error when it is missing (and required), not a string, empty or too
   * long.
   *
   * @return the value; "" when it is absent or invalid
   */
  private static String text(
      JsonNode parent,
      String field,
      String pointer,
      boolean required,
      int maxLength,
      List<FieldError> errors) {
    JsonNode value = parent.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        errors.add(new FieldError(pointer, "is required" + (field.equals("uid") ? REASON : "")));
      }
      return "";
    }
    if (!value.isTextual() || value.asText().isEmpty() || value.asText().length() > maxLength) {
      errors.add(new FieldError(pointer, "must be a string of 1 to " + maxLength + " characters"));
      return "";
    }
    return value.asText();
  }

  private static final String REASON =
      ": objects are identified by their uid, which the API server assigns; report objects as the"
          + " API server returns them";

  /** Drops what central must never keep: Secret data, managed fields, last-applied copies. */
  private static void clean(ObjectNode json) {
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

  private static @Nullable String controller(JsonNode owners) {
    for (JsonNode owner : owners) {
      if (owner.path("controller").asBoolean(false) && owner.path("uid").isTextual()) {
        return owner.path("uid").asText();
      }
    }
    return null;
  }

  private static boolean runsPods(ObjectNode json, Reference reference) {
    String builtIn = json.path("apiVersion").asText() + "/" + reference.kind();
    String[] podSpec = BUILT_IN_POD_SPECS.get(builtIn);
    if (podSpec != null) {
      // The API server always writes these kinds' pod spec at this one place; reading the whole
      // object into a manifest tree only to learn that would double the cost of a resync.
      JsonNode spec = json;
      for (String key : podSpec) {
        spec = spec.path(key);
      }
      return spec.isObject();
    }
    return switch (reference.kind()) {
      case "Secret",
          "ConfigMap",
          "Service",
          "Namespace",
          "Ingress",
          "Route",
          "NetworkPolicy",
          "ServiceAccount",
          "Role",
          "RoleBinding",
          "ClusterRole",
          "ClusterRoleBinding",
          "Event",
          "Endpoints",
          "EndpointSlice",
          "Lease" ->
          false;
      default -> manifest(json).flatMap(WorkloadExtractor::extract).isPresent();
    };
  }

  /** The object as the policy engine reads it; empty when the reader refuses it. */
  static Optional<ManifestObject> manifest(ObjectNode json) {
    String name = json.path("kind").asText() + " " + json.path("metadata").path("name").asText();
    try (var tokens = json.traverse()) {
      ManifestReader.ReadResult read = READER.readJson(name, tokens);
      return read.errors().isEmpty() && read.objects().size() == 1
          ? Optional.of(read.objects().getFirst())
          : Optional.empty();
    } catch (IOException e) {
      throw new IllegalStateException("closing a parser over a tree cannot fail", e);
    }
  }
}
