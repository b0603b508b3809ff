package dev.bulwark.central.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.central.api.Json;
import dev.bulwark.central.images.ImageScanStatus;
import dev.bulwark.central.images.ImageScanStore;
import dev.bulwark.central.storage.Rows;
import dev.bulwark.core.image.ImageComponent;
import dev.bulwark.core.image.ImageData;
import dev.bulwark.core.image.ImageVulnerability;
import dev.bulwark.core.image.VulnerabilitySeverity;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;
import org.jspecify.annotations.Nullable;

/** Reads the inventory for the API. Thread-safe. */
public final class InventoryQueries {
  private final Jdbi jdbi;

  /**
   * Every deployment's rank among every cluster's, computed at read time so that nothing has to be
   * kept in step on each write: one pass over the {@code (risk_score, id)} index per request, the
   * same cost for any page (a count of the higher scores per item would cost a page deep in the
   * ranking one pass per item).
   */
  private static final String RANKED =
      "ranked AS (SELECT id, rank() OVER (ORDER BY risk_score DESC) AS risk_rank FROM deployments)";

  public InventoryQueries(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** A deployment in a list. */
  public record DeploymentSummary(
      UUID id,
      UUID clusterId,
      String namespace,
      String kind,
      String name,
      String uid,
      RiskSummary risk) {}

  /**
   * A deployment's risk score and its rank among the deployments of every cluster: 1 + how many
   * score higher, so deployments with the same score share a rank.
   */
  public record RiskSummary(double score, long rank) {}

  /**
   * A deployment's risk as of its last evaluation.
   *
   * @param details {@code {factors, unscannedImages}} (docs/risk.md)
   */
  public record DeploymentRisk(
      UUID deploymentId, double score, long rank, JsonNode details, Instant evaluatedAt) {}

  /** The orders a deployment list can have. */
  public enum DeploymentOrder {
    /** By namespace, name and id; the cursor key is those three. */
    NAME,
    /** By risk score, highest first, then by id (descending); the cursor key is score and id. */
    RISK
  }

  /** A deployment with everything the inventory knows of it. */
  public record Deployment(
      UUID id,
      UUID clusterId,
      String uid,
      String namespace,
      String kind,
      String name,
      JsonNode labels,
      JsonNode annotations,
      String serviceAccount,
      JsonNode containers,
      JsonNode exposure,
      Instant updatedAt) {}

  public record Namespace(
      UUID id, UUID clusterId, String uid, String name, JsonNode labels, JsonNode annotations) {}

  /**
   * An image in a list: its digest when known, the name it was first seen under, where its scanning
   * stands.
   */
  public record ImageSummary(UUID id, String name, @Nullable String digest, ImageScanStatus scan) {}

  /**
   * An image with every name it is used under, every container using it, and what its last
   * successful scan found (empty lists before one).
   */
  public record Image(
      UUID id,
      String name,
      @Nullable String digest,
      ImageScanStatus scan,
      List<ImageComponent> components,
      List<Vulnerability> vulnerabilities,
      List<String> names,
      List<Use> deployments) {
    public Image {
      components = List.copyOf(components);
      vulnerabilities = List.copyOf(vulnerabilities);
      names = List.copyOf(names);
      deployments = List.copyOf(deployments);
    }
  }

  /** A vulnerability of one component of an image, most severe first in an image's list. */
  public record Vulnerability(
      String cve,
      VulnerabilitySeverity severity,
      double cvss,
      String component,
      String version,
      String fixedBy) {
    static Vulnerability of(ImageVulnerability vulnerability) {
      return new Vulnerability(
          vulnerability.cve(),
          vulnerability.severity(),
          vulnerability.cvss(),
          vulnerability.component().name(),
          vulnerability.component().version(),
          vulnerability.fixedBy());
    }
  }

  /** A container of a deployment using an image. */
  public record Use(
      UUID id, UUID clusterId, String namespace, String kind, String name, String container) {}

  /** The sort key of a list: the values of the last item, in order. */
  public record After(List<String> values) {
    public After {
      values = List.copyOf(values);
    }
  }

  /**
   * Deployments in {@code order}.
   *
   * @param after the key of the last deployment of the previous page; null for the first. For
   *     {@link DeploymentOrder#RISK} its first value must parse as a number (callers check).
   */
  public List<DeploymentSummary> deployments(
      @Nullable UUID cluster,
      @Nullable String namespace,
      @Nullable String name,
      DeploymentOrder order,
      @Nullable After after,
      int limit) {
    StringBuilder where = new StringBuilder(" WHERE true");
    if (cluster != null) {
      where.append(" AND cluster_id = :cluster");
    }
    if (namespace != null) {
      where.append(" AND namespace = :namespace");
    }
    if (name != null) {
      where.append(" AND name = :name");
    }
    if (after != null) {
      where.append(
          order == DeploymentOrder.RISK
              ? " AND (risk_score, id) < (CAST(:a0 AS float8), CAST(:a1 AS uuid))"
              : " AND (namespace, name, id) > (:a0, :a1, CAST(:a2 AS uuid))");
    }
    String orderBy =
        order == DeploymentOrder.RISK
            ? " ORDER BY risk_score DESC, id DESC"
            : " ORDER BY namespace, name, id";
    return jdbi.withHandle(handle -> {
      Query query =
          handle.createQuery(
              "WITH page AS (SELECT id, cluster_id, namespace, kind, name, uid, risk_score"
                  + " FROM deployments"
                  + where
                  + orderBy
                  + " LIMIT :limit), "
                  + RANKED
                  + " SELECT page.*, ranked.risk_rank FROM page JOIN ranked USING (id)"
                  + orderBy);
      bindIfSet(query, "cluster", cluster);
      bindIfSet(query, "namespace", namespace);
      bindIfSet(query, "name", name);
      bindAfter(query, after);
      return query
          .bind("limit", limit)
          .map((rows, context) ->
              new DeploymentSummary(
                  Rows.requiredUuid(rows, "id"),
                  Rows.requiredUuid(rows, "cluster_id"),
                  rows.getString("namespace"),
                  rows.getString("kind"),
                  rows.getString("name"),
                  rows.getString("uid"),
                  new RiskSummary(rows.getDouble("risk_score"), rows.getLong("risk_rank"))))
          .list();
    });
  }

  /** The risk of the deployment with {@code id}. */
  public Optional<DeploymentRisk> risk(UUID id) {
    return jdbi.withHandle(handle ->
        handle
            .createQuery(
                "WITH "
                    + RANKED
                    + " SELECT id, risk_score, risk::text AS risk, updated_at, risk_rank"
                    + " FROM deployments JOIN ranked USING (id) WHERE id = :id")
            .bind("id", id)
            .map((rows, context) ->
                new DeploymentRisk(
                    Rows.requiredUuid(rows, "id"),
                    rows.getDouble("risk_score"),
                    rows.getLong("risk_rank"),
                    json(rows, "risk"),
                    Rows.requiredInstant(rows, "updated_at")))
            .findOne());
  }

  public Optional<Deployment> deployment(UUID id) {
    return jdbi.withHandle(handle ->
        handle
            .createQuery(
                "SELECT id, cluster_id, uid, namespace, kind, name, labels::text AS labels,"
                    + " annotations::text AS annotations, service_account,"
                    + " containers::text AS containers, exposure::text AS exposure, updated_at"
                    + " FROM deployments WHERE id = :id")
            .bind("id", id)
            .map((rows, context) ->
                new Deployment(
                    Rows.requiredUuid(rows, "id"),
                    Rows.requiredUuid(rows, "cluster_id"),
                    rows.getString("uid"),
                    rows.getString("namespace"),
                    rows.getString("kind"),
                    rows.getString("name"),
                    json(rows, "labels"),
                    json(rows, "annotations"),
                    rows.getString("service_account"),
                    json(rows, "containers"),
                    json(rows, "exposure"),
                    Rows.requiredInstant(rows, "updated_at")))
            .findOne());
  }

  /** Namespaces by name and id. */
  public List<Namespace> namespaces(@Nullable UUID cluster, @Nullable After after, int limit) {
    StringBuilder where = new StringBuilder(" WHERE true");
    if (cluster != null) {
      where.append(" AND cluster_id = :cluster");
    }
    if (after != null) {
      where.append(" AND (name, id) > (:a0, CAST(:a1 AS uuid))");
    }
    return jdbi.withHandle(handle -> {
      Query query =
          handle.createQuery(
              "SELECT id, cluster_id, uid, name, labels::text AS labels,"
                  + " annotations::text AS annotations FROM namespaces"
                  + where
                  + " ORDER BY name, id LIMIT :limit");
      bindIfSet(query, "cluster", cluster);
      bindAfter(query, after);
      return query
          .bind("limit", limit)
          .map((rows, context) ->
              new Namespace(
                  Rows.requiredUuid(rows, "id"),
                  Rows.requiredUuid(rows, "cluster_id"),
                  rows.getString("uid"),
                  rows.getString("name"),
                  json(rows, "labels"),
                  json(rows, "annotations")))
          .list();
    });
  }

  /** Images by name and id. */
  public List<ImageSummary> images(@Nullable After after, int limit) {
    String where = after == null ? "" : " WHERE (i.name, i.id) > (:a0, CAST(:a1 AS uuid))";
    return jdbi.withHandle(handle -> {
      Query query =
          handle.createQuery(
              "SELECT i.id, i.key, i.name, i.digest, "
                  + ImageScanStore.STATUS_COLUMNS
                  + " FROM images i LEFT JOIN image_scans s ON s.key = i.key"
                  + where
                  + " ORDER BY i.name, i.id LIMIT :limit");
      bindAfter(query, after);
      return query.bind("limit", limit).map(InventoryQueries::imageSummary).list();
    });
  }

  public Optional<Image> image(UUID id) {
    return jdbi.withHandle(handle -> {
      Optional<Map.Entry<String, ImageSummary>> image =
          handle
              .createQuery(
                  "SELECT i.id, i.key, i.name, i.digest, "
                      + ImageScanStore.STATUS_COLUMNS
                      + " FROM images i LEFT JOIN image_scans s ON s.key = i.key WHERE i.id = :id")
              .bind("id", id)
              .map((rows, context) -> Map.entry(rows.getString("key"), imageSummary(rows, context)))
              .findOne();
      if (image.isEmpty()) {
        return Optional.empty();
      }
      ImageData data =
          ImageScanStore.data(handle, List.of(image.get().getKey())).get(image.get().getKey());
      List<String> names = new ArrayList<>();
      List<Use> uses =
          handle
              .createQuery(
                  "SELECT d.id, d.cluster_id, d.namespace, d.kind, d.name, l.container,"
                      + " l.image_name FROM deployment_images l"
                      + " JOIN deployments d ON d.id = l.deployment_id WHERE l.image_id = :id"
                      + " ORDER BY d.namespace, d.name, d.id, l.container")
              .bind("id", id)
              .map((rows, context) -> {
                String name = rows.getString("image_name");
                if (!names.contains(name)) {
                  names.add(name);
                }
                return new Use(
                    Rows.requiredUuid(rows, "id"),
                    Rows.requiredUuid(rows, "cluster_id"),
                    rows.getString("namespace"),
                    rows.getString("kind"),
                    rows.getString("name"),
                    rows.getString("container"));
              })
              .list();
      ImageSummary summary = image.get().getValue();
      return Optional.of(
          new Image(
              summary.id(),
              summary.name(),
              summary.digest(),
              summary.scan(),
              data == null ? List.of() : data.components(),
              data == null ? List.of() : vulnerabilities(data),
              names.stream().sorted().toList(),
              uses));
    });
  }

  private static ImageSummary imageSummary(ResultSet rows, StatementContext context)
      throws SQLException {
    return new ImageSummary(
        Rows.requiredUuid(rows, "id"),
        rows.getString("name"),
        rows.getString("digest"),
        ImageScanStore.status(rows));
  }

  /** Most severe first, then by CVSS, identifier and component. */
  private static List<Vulnerability> vulnerabilities(ImageData data) {
    return data.vulnerabilities().stream()
        .map(Vulnerability::of)
        .sorted(
            Comparator.comparing(Vulnerability::severity)
                .reversed()
                .thenComparing(Comparator.comparingDouble(Vulnerability::cvss).reversed())
                .thenComparing(Vulnerability::cve)
                .thenComparing(Vulnerability::component))
        .toList();
  }

  private static void bindIfSet(Query query, String name, @Nullable Object value) {
    if (value != null) {
      query.bind(name, value);
    }
  }

  private static void bindAfter(Query query, @Nullable After after) {
    if (after != null) {
      for (int index = 0; index < after.values().size(); index++) {
        query.bind("a" + index, after.values().get(index));
      }
    }
  }

  private static JsonNode json(ResultSet rows, String column) throws SQLException {
    try {
      return Json.MAPPER.readTree(rows.getString(column));
    } catch (JsonProcessingException e) {
      throw new SQLException("the column " + column + " holds no JSON", e);
    }
  }
}
