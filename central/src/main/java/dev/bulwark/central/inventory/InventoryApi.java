package dev.bulwark.central.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.bulwark.central.api.ApiFeature;
import dev.bulwark.central.api.ApiProblem;
import dev.bulwark.central.api.Json;
import dev.bulwark.central.api.PageRequest;
import dev.bulwark.central.api.Requests;
import dev.bulwark.central.api.RouteGroup;
import dev.bulwark.central.api.Routes;
import dev.bulwark.central.auth.Permission;
import io.javalin.http.Context;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The read side of the inventory: deployments, namespaces and images of every cluster. */
public final class InventoryApi implements ApiFeature {
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private final InventoryQueries queries;

  public InventoryApi(InventoryQueries queries) {
    this.queries = queries;
  }

  @Override
  public void register(Routes routes) {
    RouteGroup group =
        routes.group(
            "Inventory",
            "What the sensors reported: deployments (top-level workloads), namespaces and images.");
    group
        .schema(
            "DeploymentSummary",
            """
            {
              "type": "object",
              "required": ["id", "clusterId", "namespace", "kind", "name", "uid", "risk"],
              "properties": {
                "id": {"type": "string", "format": "uuid"},
                "clusterId": {"type": "string", "format": "uuid"},
                "namespace": {"type": "string"},
                "kind": {"type": "string"},
                "name": {"type": "string"},
                "uid": {"type": "string", "description": "The Kubernetes uid."},
                "risk": {
                  "type": "object",
                  "required": ["score", "rank"],
                  "properties": {
                    "score": {"type": "number", "minimum": 1, "description": "The risk score of the last evaluation (docs/risk.md)."},
                    "rank": {"type": "integer", "minimum": 1, "description": "1 + how many deployments of all clusters score higher; equal scores share a rank."}
                  }
                }
              }
            }
            """)
        .schema(
            "DeploymentRisk",
            """
            {
              "type": "object",
              "required": ["deploymentId", "score", "rank", "details", "evaluatedAt"],
              "properties": {
                "deploymentId": {"type": "string", "format": "uuid"},
                "score": {"type": "number", "minimum": 1, "description": "The product of the factors' multipliers; 1 when none applies."},
                "rank": {"type": "integer", "minimum": 1, "description": "1 + how many deployments of all clusters score higher."},
                "details": {
                  "type": "object",
                  "required": ["factors", "unscannedImages"],
                  "properties": {
                    "factors": {
                      "type": "array",
                      "items": {
                        "type": "object",
                        "required": ["heading", "multiplier", "facts"],
                        "properties": {
                          "heading": {"type": "string"},
                          "multiplier": {"type": "number", "minimum": 1},
                          "facts": {"type": "array", "items": {"type": "string"}}
                        }
                      }
                    },
                    "unscannedImages": {"type": "array", "items": {"type": "string"}, "description": "Images nothing is known about: they add no image factor, which does not make them safe."}
                  }
                },
                "evaluatedAt": {"type": "string", "format": "date-time", "description": "When the score was computed: the deployment's last evaluation."}
              }
            }
            """)
        .schema(
            "Deployment",
            """
            {
              "type": "object",
              "required": ["id", "clusterId", "uid", "namespace", "kind", "name", "labels",
                           "annotations", "serviceAccount", "containers", "exposure", "updatedAt"],
              "properties": {
                "id": {"type": "string", "format": "uuid"},
                "clusterId": {"type": "string", "format": "uuid"},
                "uid": {"type": "string"},
                "namespace": {"type": "string"},
                "kind": {"type": "string"},
                "name": {"type": "string"},
                "labels": {"type": "object", "additionalProperties": {"type": "string"}},
                "annotations": {"type": "object", "additionalProperties": {"type": "string"}},
                "serviceAccount": {"type": "string"},
                "containers": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "required": ["name", "type", "image", "digest", "runningDigests", "privileged", "capabilities", "ports"],
                    "properties": {
                      "name": {"type": "string"},
                      "type": {"type": "string", "enum": ["init", "regular", "ephemeral"]},
                      "image": {"type": "string"},
                      "digest": {"type": ["string", "null"], "description": "Pinned in the reference, else the one the pods run; null when unknown or when pods run several."},
                      "runningDigests": {"type": "array", "items": {"type": "string"}},
                      "privileged": {"type": "boolean"},
                      "capabilities": {
                        "type": "object",
                        "properties": {
                          "add": {"type": "array", "items": {"type": "string"}},
                          "drop": {"type": "array", "items": {"type": "string"}}
                        }
                      },
                      "ports": {
                        "type": "array",
                        "items": {
                          "type": "object",
                          "properties": {
                            "name": {"type": ["string", "null"]},
                            "containerPort": {"type": "integer"},
                            "protocol": {"type": "string"}
                          }
                        }
                      }
                    }
                  }
                },
                "exposure": {
                  "type": "array",
                  "description": "Every port with its widest exposure through the cluster's Services, Ingresses and Routes.",
                  "items": {
                    "type": "object",
                    "properties": {
                      "containerPort": {"type": "integer"},
                      "protocol": {"type": "string"},
                      "exposure": {"type": "string", "enum": ["external", "node", "host", "route", "internal", "unset"]},
                      "nodePort": {"type": "integer"},
                      "via": {"type": ["string", "null"]}
                    }
                  }
                },
                "updatedAt": {"type": "string", "format": "date-time"}
              }
            }
            """)
        .schema(
            "Namespace",
            """
            {
              "type": "object",
              "required": ["id", "clusterId", "uid", "name", "labels", "annotations"],
              "properties": {
                "id": {"type": "string", "format": "uuid"},
                "clusterId": {"type": "string", "format": "uuid"},
                "uid": {"type": "string"},
                "name": {"type": "string"},
                "labels": {"type": "object", "additionalProperties": {"type": "string"}},
                "annotations": {"type": "object", "additionalProperties": {"type": "string"}}
              }
            }
            """)
        .schema(
            "ImageSummary",
            """
            {
              "type": "object",
              "required": ["id", "name", "digest", "scan"],
              "properties": {
                "id": {"type": "string", "format": "uuid"},
                "name": {"type": "string", "description": "The name it was first seen under."},
                "digest": {"type": ["string", "null"], "description": "Null for an image known by name only."},
                "scan": {"$ref": "#/components/schemas/ImageScan"}
              }
            }
            """)
        .schema(
            "ImageScan",
            """
            {
              "type": "object",
              "description": "Where central's scanning of the image stands (docs/central.md, Image scanning).",
              "required": ["state", "scannedAt", "scannedDigest", "os", "components", "vulnerabilities", "vulnerabilitiesChecked", "databaseAt", "failures", "error", "nextAttemptAt"],
              "properties": {
                "state": {"type": "string", "enum": ["PENDING", "SCANNED", "FAILED"], "description": "PENDING until the first attempt ends; SCANNED once a scan succeeded (a later failure keeps the result); FAILED when none succeeded yet."},
                "scannedAt": {"type": ["string", "null"], "format": "date-time"},
                "scannedDigest": {"type": ["string", "null"], "description": "The manifest digest scanned; for an image known by name, what its tag pointed to."},
                "os": {"type": ["string", "null"]},
                "components": {"type": ["integer", "null"], "description": "How many packages the scan found."},
                "vulnerabilities": {
                  "type": ["object", "null"],
                  "description": "Null when no scan succeeded or the components were not checked against a vulnerability database.",
                  "required": ["total", "critical", "important", "moderate", "low", "unknown", "fixable"],
                  "properties": {
                    "total": {"type": "integer"},
                    "critical": {"type": "integer"},
                    "important": {"type": "integer"},
                    "moderate": {"type": "integer"},
                    "low": {"type": "integer"},
                    "unknown": {"type": "integer"},
                    "fixable": {"type": "integer"}
                  }
                },
                "vulnerabilitiesChecked": {"type": ["boolean", "null"], "description": "False when central has no vulnerability database (--vulndb): no vulnerabilities then says nothing."},
                "databaseAt": {"type": ["string", "null"], "format": "date-time", "description": "When the database matched against was imported."},
                "failures": {"type": "integer", "description": "Failed attempts since the last success."},
                "error": {"type": ["string", "null"], "description": "Why the last attempt failed."},
                "nextAttemptAt": {"type": ["string", "null"], "format": "date-time"}
              }
            }
            """)
        .schema(
            "Image",
            """
            {
              "type": "object",
              "required": ["id", "name", "digest", "scan", "components", "vulnerabilities", "names", "deployments"],
              "properties": {
                "id": {"type": "string", "format": "uuid"},
                "name": {"type": "string"},
                "digest": {"type": ["string", "null"]},
                "scan": {"$ref": "#/components/schemas/ImageScan"},
                "components": {
                  "type": "array",
                  "description": "The packages the last successful scan found.",
                  "items": {
                    "type": "object",
                    "required": ["name", "version"],
                    "properties": {"name": {"type": "string"}, "version": {"type": "string"}}
                  }
                },
                "vulnerabilities": {
                  "type": "array",
                  "description": "What the last successful scan found, most severe first; empty when not checked (see scan.vulnerabilitiesChecked).",
                  "items": {
                    "type": "object",
                    "required": ["cve", "severity", "cvss", "component", "version", "fixedBy"],
                    "properties": {
                      "cve": {"type": "string"},
                      "severity": {"type": "string", "enum": ["UNKNOWN", "LOW", "MODERATE", "IMPORTANT", "CRITICAL"]},
                      "cvss": {"type": "number"},
                      "component": {"type": "string"},
                      "version": {"type": "string"},
                      "fixedBy": {"type": "string", "description": "The version that fixes it; empty when none does yet."}
                    }
                  }
                },
                "names": {"type": "array", "items": {"type": "string"}},
                "deployments": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "required": ["id", "clusterId", "namespace", "kind", "name", "container"],
                    "properties": {
                      "id": {"type": "string", "format": "uuid"},
                      "clusterId": {"type": "string", "format": "uuid"},
                      "namespace": {"type": "string"},
                      "kind": {"type": "string"},
                      "name": {"type": "string"},
                      "container": {"type": "string"}
                    }
                  }
                }
              }
            }
            """);
    group
        .get("/v1/deployments", Permission.INVENTORY_READ, this::deployments)
        .operation("listDeployments", "List deployments by namespace and name, or by risk")
        .query("cluster", "string", "Only this cluster's (its id).")
        .query("namespace", "string", "Only this namespace's.")
        .query("name", "string", "Only deployments with this name.")
        .query(
            "sort",
            "string",
            "name (default: by namespace, name and id) or risk (highest score first, then by id).")
        .returnsPage("DeploymentSummary", "A page of deployments.");
    group
        .get("/v1/deployments/{id}", Permission.INVENTORY_READ, this::deployment)
        .operation("getDeployment", "Show a deployment")
        .pathId("id", "The deployment's id.")
        .returns(200, "Deployment", "The deployment.");
    group
        .get("/v1/deployments/{id}/risk", Permission.INVENTORY_READ, this::risk)
        .operation("getDeploymentRisk", "Show a deployment's risk score, rank and factors")
        .pathId("id", "The deployment's id.")
        .returns(200, "DeploymentRisk", "The risk as of the deployment's last evaluation.");
    group
        .get("/v1/namespaces", Permission.INVENTORY_READ, this::namespaces)
        .operation("listNamespaces", "List namespaces by name")
        .query("cluster", "string", "Only this cluster's (its id).")
        .returnsPage("Namespace", "A page of namespaces.");
    group
        .get("/v1/images", Permission.INVENTORY_READ, this::images)
        .operation("listImages", "List the images deployments use, by name")
        .returnsPage("ImageSummary", "A page of images.");
    group
        .get("/v1/images/{id}", Permission.INVENTORY_READ, this::image)
        .operation("getImage", "Show an image, what its scan found and the deployments using it")
        .pathId("id", "The image's id.")
        .returns(200, "Image", "The image.");
  }

  private void deployments(Context ctx) {
    PageRequest page = PageRequest.of(ctx);
    InventoryQueries.DeploymentOrder order = order(ctx.queryParam("sort"));
    boolean byRisk = order == InventoryQueries.DeploymentOrder.RISK;
    List<InventoryQueries.DeploymentSummary> rows =
        queries.deployments(
            clusterFilter(ctx),
            ctx.queryParam("namespace"),
            ctx.queryParam("name"),
            order,
            byRisk ? riskAfter(page) : after(page, 3),
            page.fetch());
    ctx.json(
        page.page(
            rows,
            row ->
                byRisk
                    ? key(Double.toString(row.risk().score()), row.id().toString())
                    : key(row.namespace(), row.name(), row.id().toString())));
  }

  private static InventoryQueries.DeploymentOrder order(@Nullable String sort) {
    if (sort == null || sort.equals("name")) {
      return InventoryQueries.DeploymentOrder.NAME;
    }
    if (sort.equals("risk")) {
      return InventoryQueries.DeploymentOrder.RISK;
    }
    throw ApiProblem.badRequest(
        "invalid-parameter", "sort must be name or risk, found '" + sort + "'");
  }

  /** A risk-ordered list's cursor key: a finite score and an id. */
  private static InventoryQueries.@Nullable After riskAfter(PageRequest page) {
    InventoryQueries.After after = after(page, 2);
    if (after != null) {
      try {
        if (Double.isFinite(Double.parseDouble(after.values().getFirst()))) {
          return after;
        }
      } catch (NumberFormatException e) {
        // not a key of this list
      }
      throw PageRequest.invalidCursor();
    }
    return null;
  }

  private void deployment(Context ctx) {
    UUID id = Requests.uuid(ctx, "id");
    ctx.json(
        queries
            .deployment(id)
            .orElseThrow(() -> ApiProblem.notFound("no deployment has the id " + id)));
  }

  private void risk(Context ctx) {
    UUID id = Requests.uuid(ctx, "id");
    ctx.json(
        queries.risk(id).orElseThrow(() -> ApiProblem.notFound("no deployment has the id " + id)));
  }

  private void namespaces(Context ctx) {
    PageRequest page = PageRequest.of(ctx);
    ctx.json(
        page.page(
            queries.namespaces(clusterFilter(ctx), after(page, 2), page.fetch()),
            row -> key(row.name(), row.id().toString())));
  }

  private void images(Context ctx) {
    PageRequest page = PageRequest.of(ctx);
    ctx.json(
        page.page(
            queries.images(after(page, 2), page.fetch()),
            row -> key(row.name(), row.id().toString())));
  }

  private void image(Context ctx) {
    UUID id = Requests.uuid(ctx, "id");
    ctx.json(queries.image(id).orElseThrow(() -> ApiProblem.notFound("no image has the id " + id)));
  }

  private static @Nullable UUID clusterFilter(Context ctx) {
    String cluster = ctx.queryParam("cluster");
    if (cluster == null) {
      return null;
    }
    try {
      if (cluster.length() == 36) {
        return UUID.fromString(cluster);
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw ApiProblem.badRequest(
        "invalid-parameter", "cluster must be a cluster's id (a UUID), found '" + cluster + "'");
  }

  /** The cursor's key: a JSON array of the sort values, the last one an id. */
  private static String key(String... values) {
    return ObjectTable.write(List.of(values));
  }

  private static InventoryQueries.@Nullable After after(PageRequest page, int size) {
    String after = page.after();
    if (after == null) {
      return null;
    }
    try {
      List<String> values = Json.MAPPER.readValue(after, STRINGS);
      if (values.size() == size && values.stream().allMatch(value -> value != null)) {
        UUID.fromString(values.getLast());
        return new InventoryQueries.After(values);
      }
    } catch (JsonProcessingException | IllegalArgumentException e) {
      // not a key of this list
    }
    throw PageRequest.invalidCursor();
  }
}
