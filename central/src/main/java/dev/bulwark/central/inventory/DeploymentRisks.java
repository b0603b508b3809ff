package dev.bulwark.central.inventory;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.central.api.Json;
import dev.bulwark.central.risk.DeploymentImage;
import dev.bulwark.central.risk.Risk;
import dev.bulwark.central.risk.RiskFactor;
import dev.bulwark.core.image.ImageDataProvider;
import dev.bulwark.core.workload.Container;
import dev.bulwark.core.workload.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The risk columns of the {@code deployments} table: what the inventory writes after evaluating
 * deployments. Stateless.
 */
final class DeploymentRisks {
  private DeploymentRisks() {}

  /** The distinct images of the workload's containers, with what {@code images} knows of them. */
  static List<DeploymentImage> images(Workload workload, ImageDataProvider images) {
    Map<String, DeploymentImage> distinct = new LinkedHashMap<>();
    for (Container container : workload.containers()) {
      distinct.computeIfAbsent(
          container.image().fullName(),
          name -> new DeploymentImage(name, images.lookup(container.image()).orElse(null)));
    }
    return List.copyOf(distinct.values());
  }

  /** Stores the risk of each deployment, by id. */
  static void write(Handle handle, Map<UUID, Risk> risks) {
    if (risks.isEmpty()) {
      return;
    }
    List<String> ids = new ArrayList<>();
    List<Double> scores = new ArrayList<>();
    List<String> details = new ArrayList<>();
    risks.forEach((id, risk) -> {
      ids.add(id.toString());
      scores.add(risk.score());
      details.add(details(risk).toString());
    });
    handle
        .createUpdate(
            "UPDATE deployments d SET risk_score = t.s, risk = CAST(t.r AS jsonb)"
                + " FROM unnest(CAST(:ids AS uuid[]), CAST(:scores AS float8[]),"
                + " CAST(:details AS text[])) AS t (i, s, r) WHERE d.id = t.i")
        .bindArray("ids", String.class, ids)
        .bindArray("scores", Double.class, scores)
        .bindArray("details", String.class, details)
        .execute();
  }

  /** What the API shows of a risk besides its score: {@code {factors, unscannedImages}}. */
  static ObjectNode details(Risk risk) {
    ObjectNode details = Json.MAPPER.createObjectNode();
    ArrayNode factors = details.putArray("factors");
    for (RiskFactor factor : risk.factors()) {
      ObjectNode each = factors.addObject();
      each.put("heading", factor.heading());
      each.put("multiplier", factor.multiplier());
      factor.facts().forEach(each.putArray("facts")::add);
    }
    risk.unscannedImages().forEach(details.putArray("unscannedImages")::add);
    return details;
  }
}
