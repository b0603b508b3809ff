package dev.bulwark.central.inventory;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonParser.NumberType;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.bulwark.central.api.ApiFeature;
import dev.bulwark.central.api.ApiProblem;
import dev.bulwark.central.api.FieldError;
import dev.bulwark.central.api.Json;
import dev.bulwark.central.api.Requests;
import dev.bulwark.central.api.RouteGroup;
import dev.bulwark.central.api.Routes;
import dev.bulwark.central.auth.Permission;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What sensors call: batches of changes, full resyncs and the state to resume from. Only the
 * cluster's own sensor token may report for it.
 */
public final class IngestionApi implements ApiFeature {
  private static final Logger LOG = LoggerFactory.getLogger(IngestionApi.class);

  /** At most this many changes per batch: a transaction stays short. */
  public static final int MAX_CHANGES = 5_000;

  /** At most this many objects per resync. */
  public static final int MAX_OBJECTS = 200_000;

  private final Inventory inventory;

  public IngestionApi(Inventory inventory) {
    this.inventory = inventory;
  }

  record ChangeBatch(@Nullable Long sequence, @Nullable List<ChangeBody> changes) {}

  record ChangeBody(@Nullable String action, @Nullable JsonNode object) {}

  record Acknowledged(long acknowledged) {}

  @Override
  public void register(Routes routes) {
    RouteGroup group =
        routes.group(
            "Inventory ingestion",
            "How a sensor reports its cluster: numbered batches of changes, full resyncs, and the"
                + " state to resume from. Only the cluster's sensor token may call these.");
    group
        .schema(
            "KubernetesObject",
            """
            {
              "type": "object",
              "description": "A Kubernetes object as the API server returns it; metadata.uid is required.",
              "required": ["apiVersion", "kind", "metadata"],
              "properties": {
                "apiVersion": {"type": "string"},
                "kind": {"type": "string"},
                "metadata": {
                  "type": "object",
                  "required": ["uid"],
                  "properties": {
                    "name": {"type": "string"},
                    "namespace": {"type": "string"},
                    "uid": {"type": "string"}
                  }
                }
              }
            }
            """)
        .schema(
            "InventoryChanges",
            """
            {
              "type": "object",
              "required": ["sequence", "changes"],
              "additionalProperties": false,
              "properties": {
                "sequence": {"type": "integer", "minimum": 1,
                  "description": "Increases with every batch of the cluster; a batch whose number is not above the last acknowledged one is a replay, acknowledged without being applied again."},
                "changes": {
                  "type": "array",
                  "maxItems": 5000,
                  "items": {
                    "type": "object",
                    "required": ["action", "object"],
                    "additionalProperties": false,
                    "properties": {
                      "action": {"type": "string", "enum": ["UPSERT", "DELETE"]},
                      "object": {"$ref": "#/components/schemas/KubernetesObject"}
                    }
                  }
                }
              }
            }
            """)
        .schema(
            "InventoryResync",
            """
            {
              "type": "object",
              "required": ["sequence", "objects"],
              "additionalProperties": false,
              "properties": {
                "sequence": {"type": "integer", "minimum": 1},
                "objects": {"type": "array", "items": {"$ref": "#/components/schemas/KubernetesObject"}}
              }
            }
            """)
        .schema(
            "InventoryAcknowledged",
            """
            {
              "type": "object",
              "required": ["acknowledged"],
              "properties": {"acknowledged": {"type": "integer"}}
            }
            """)
        .schema(
            "InventoryState",
            """
            {
              "type": "object",
              "required": ["acknowledged", "objects"],
              "properties": {
                "acknowledged": {"type": "integer", "description": "The last batch committed; 0 before the first."},
                "objects": {"type": "integer", "description": "How many objects central holds for the cluster."}
              }
            }
            """);
    group
        .post("/v1/clusters/{id}/inventory/changes", Permission.SENSOR_REPORT, this::changes)
        .operation("reportInventoryChanges", "Report a batch of changed and deleted objects")
        .description(
            "Applied in one transaction: once acknowledged, the batch is committed. Sending a"
                + " batch again (after a lost reply) is safe.")
        .pathId("id", "The cluster's id.")
        .body("InventoryChanges")
        .returns(200, "InventoryAcknowledged", "The batch is committed (or was before).");
    group
        .put("/v1/clusters/{id}/inventory", Permission.SENSOR_REPORT, this::resync)
        .operation("resyncInventory", "Replace the cluster's objects")
        .description(
            "Objects of the cluster that the body does not list are deleted. The body is read as"
                + " it arrives and may be sent with Content-Encoding: gzip (the size limit counts"
                + " the inflated bytes).")
        .pathId("id", "The cluster's id.")
        .body("InventoryResync")
        .returns(200, "InventoryAcknowledged", "The resync is committed (or was before).");
    group
        .get("/v1/clusters/{id}/inventory/state", Permission.SENSOR_REPORT, this::state)
        .operation("getInventoryState", "Where the cluster's inventory stands")
        .pathId("id", "The cluster's id.")
        .returns(200, "InventoryState", "The last acknowledged batch and the object count.");
  }

  private void changes(Context ctx) {
    UUID cluster = cluster(ctx);
    ChangeBatch body = Json.read(ctx, ChangeBatch.class);
    List<FieldError> errors = new ArrayList<>();
    long sequence = sequence(body.sequence(), errors);
    List<ChangeBody> changes = body.changes();
    if (changes == null) {
      errors.add(new FieldError("/changes", "is required"));
      throw ApiProblem.invalid(errors);
    }
    if (changes.size() > MAX_CHANGES) {
      throw ApiProblem.invalid(
          "/changes/" + MAX_CHANGES,
          "a batch holds at most "
              + MAX_CHANGES
              + " changes, this one "
              + changes.size()
              + "; send the changes from index "
              + MAX_CHANGES
              + " on in the next batch");
    }
    List<Inventory.Change> parsed = new ArrayList<>(changes.size());
    for (int index = 0; index < changes.size(); index++) {
      change(changes.get(index), "/changes/" + index, errors).ifPresent(parsed::add);
    }
    if (!errors.isEmpty()) {
      throw ApiProblem.invalid(errors);
    }
    ctx.json(new Acknowledged(inventory.apply(cluster, sequence, parsed)));
  }

  private void resync(Context ctx) {
    UUID cluster = cluster(ctx);
    // Read as it arrives: a resync of a large cluster is tens of MB, which as bytes and as a tree
    // of every object at once would be held twice, and only parsed once the last byte arrived.
    ResyncBody body = Json.stream(ctx, IngestionApi::resyncBody);
    long started = System.nanoTime();
    long acknowledged = inventory.resync(cluster, body.sequence(), body.objects());
    // A resync is rare and heavy: how long it took is what an operator sizing central asks.
    LOG.info(
        "cluster {} resynced {} objects (sequence {}) in {} ms",
        cluster,
        body.objects().size(),
        body.sequence(),
        (System.nanoTime() - started) / 1_000_000);
    ctx.json(new Acknowledged(acknowledged));
  }

  /** A checked resync: its sequence and its objects, cleaned. */
  private record ResyncBody(long sequence, List<InventoryObject> objects) {}

  /** Reads {@code InventoryResync} object by object; every problem found is reported at once. */
  private static ResyncBody resyncBody(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw ApiProblem.invalid("", "the body must be a JSON object with sequence and objects");
    }
    List<FieldError> errors = new ArrayList<>();
    Long sequence = null;
    List<InventoryObject> objects = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "sequence" -> sequence = wholeNumber(parser, value, "/sequence", errors);
        case "objects" -> objects = resyncObjects(parser, value, errors);
        default ->
            throw ApiProblem.invalid(
                "/" + field.replace("~", "~0").replace("/", "~1"),
                "unknown field '" + field + "'; the fields are objects, sequence");
      }
    }
    long checked = reported(errors, "/sequence") ? 0 : sequence(sequence, errors);
    if (objects == null && !reported(errors, "/objects")) {
      errors.add(new FieldError("/objects", "is required"));
    }
    if (!errors.isEmpty() || objects == null) {
      throw ApiProblem.invalid(errors);
    }
    return new ResyncBody(checked, objects);
  }

  private static @Nullable Long wholeNumber(
      JsonParser parser, JsonToken value, String pointer, List<FieldError> errors)
      throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    if (value != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() == NumberType.BIG_INTEGER) {
      parser.skipChildren();
      errors.add(new FieldError(pointer, "must be a whole number"));
      return null;
    }
    return parser.getLongValue();
  }

  private static boolean reported(List<FieldError> errors, String pointer) {
    return errors.stream().anyMatch(error -> error.pointer().equals(pointer));
  }

  /** The objects array, each checked and cleaned as it is read; null when it is null. */
  private static @Nullable List<InventoryObject> resyncObjects(
      JsonParser parser, JsonToken value, List<FieldError> errors) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    if (value != JsonToken.START_ARRAY) {
      parser.skipChildren();
      errors.add(new FieldError("/objects", "must be an array"));
      return null;
    }
    List<InventoryObject> objects = new ArrayList<>();
    for (int index = 0; parser.nextToken() != JsonToken.END_ARRAY; index++) {
      if (index == MAX_OBJECTS) {
        throw ApiProblem.invalid(
            "/objects/" + MAX_OBJECTS, "a resync holds at most " + MAX_OBJECTS + " objects");
      }
      InventoryObject.read(Json.value(parser), "/objects/" + index, errors).ifPresent(objects::add);
    }
    return objects;
  }

  private void state(Context ctx) {
    Inventory.State state = inventory.state(cluster(ctx));
    ctx.json(state);
  }

  private static UUID cluster(Context ctx) {
    UUID cluster = Requests.uuid(ctx, "id");
    Requests.principal(ctx).requireCluster(cluster);
    return cluster;
  }

  private static long sequence(@Nullable Long sequence, List<FieldError> errors) {
    if (sequence == null) {
      errors.add(new FieldError("/sequence", "is required"));
      return 0;
    }
    if (sequence < 1) {
      errors.add(new FieldError("/sequence", "must be 1 or more"));
    }
    return sequence;
  }

  private static Optional<Inventory.Change> change(
      @Nullable ChangeBody change, String pointer, List<FieldError> errors) {
    if (change == null) {
      errors.add(new FieldError(pointer, "must be a change, not null"));
      return Optional.empty();
    }
    JsonNode object = change.object();
    if (object == null) {
      errors.add(new FieldError(pointer + "/object", "is required"));
      return Optional.empty();
    }
    String action = change.action();
    if ("UPSERT".equals(action)) {
      return InventoryObject.read(object, pointer + "/object", errors).map(Inventory.Upsert::new);
    }
    if ("DELETE".equals(action)) {
      return InventoryObject.reference(object, pointer + "/object", errors, false)
          .map(reference -> new Inventory.Delete(reference.uid()));
    }
    errors.add(
        new FieldError(
            pointer + "/action",
            action == null ? "is required (UPSERT or DELETE)" : "must be UPSERT or DELETE"));
    return Optional.empty();
  }

  private static JsonNode nonNull(@Nullable JsonNode node) {
    return node == null ? NullNode.getInstance() : node;
  }
}
