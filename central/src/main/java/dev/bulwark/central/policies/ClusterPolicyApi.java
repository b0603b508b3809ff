package dev.bulwark.central.policies;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.central.api.ApiFeature;
import dev.bulwark.central.api.Json;
import dev.bulwark.central.api.Requests;
import dev.bulwark.central.api.RouteGroup;
import dev.bulwark.central.api.Routes;
import dev.bulwark.central.auth.Permission;
import dev.bulwark.central.exceptions.ExceptionDocuments;
import dev.bulwark.policy.io.PolicyWriter;
import io.javalin.http.Context;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a sensor evaluates with: the enabled policies and the exceptions in force, with the
 * fingerprint of the set as the ETag, so a sensor polling with {@code If-None-Match} gets a 304
 * while nothing changed. Only the cluster's own sensor token may call it.
 */
public final class ClusterPolicyApi implements ApiFeature {
  private final ActivePolicies active;

  public ClusterPolicyApi(ActivePolicies active) {
    this.active = active;
  }

  @Override
  public void register(Routes routes) {
    RouteGroup group =
        routes.group(
            "Cluster policies",
            "The policy set a cluster's sensor enforces: the enabled policies and the exceptions in"
                + " force.");
    group.schema(
        "ClusterPolicySet",
        """
        {
          "type": "object",
          "required": ["fingerprint", "policies", "exceptions"],
          "properties": {
            "fingerprint": {"type": "string",
              "description": "Equal for equal sets; also the response's ETag (quoted)."},
            "policies": {"$ref": "#/components/schemas/PolicyBundle"},
            "exceptions": {
              "type": "array",
              "description": "The exceptions in force, each as an entry of an exceptions file.",
              "items": {"type": "object", "required": ["name", "owner", "reason"]}
            }
          }
        }
        """);
    group
        .get("/v1/clusters/{id}/policies", Permission.SENSOR_REPORT, this::policies)
        .operation("getClusterPolicies", "The policy set the cluster's sensor enforces")
        .description(
            "Policies as a StackRox export bundle with Bulwark's additions. Send the last ETag"
                + " as If-None-Match to get 304 while the set is unchanged.")
        .pathId("id", "The cluster's id.")
        .returns(200, "ClusterPolicySet", "The enabled policies and the exceptions in force.")
        .returnsNothing(304, "The set is the one whose ETag was sent in If-None-Match.");
  }

  private void policies(Context ctx) {
    UUID cluster = Requests.uuid(ctx, "id");
    Requests.principal(ctx).requireCluster(cluster);
    ActivePolicies.Current current = active.current();
    String etag = "\"" + current.fingerprint() + "\"";
    ctx.header("ETag", etag);
    if (matches(ctx.header("If-None-Match"), etag)) {
      ctx.status(304);
      return;
    }
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("fingerprint", current.fingerprint());
    try {
      body.set(
          "policies", Json.MAPPER.readTree(PolicyWriter.toStackRoxJson(current.enabled(), true)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the policy writer writes JSON", e);
    }
    ArrayNode exceptions = body.putArray("exceptions");
    current.exceptions().forEach(exception -> exceptions.add(ExceptionDocuments.write(exception)));
    ctx.json(body);
  }

  /** Whether an If-None-Match header names the ETag (or is {@code *}). */
  static boolean matches(@Nullable String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String tag = candidate.strip();
      if (tag.startsWith("W/")) {
        tag = tag.substring(2);
      }
      if (tag.equals("*") || tag.equals(etag)) {
        return true;
      }
    }
    return false;
  }
}
