package dev.bulwark.central.notifiers.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.bulwark.central.alerts.AlertEvent;
import dev.bulwark.central.alerts.AlertSubject;
import java.util.Map;
import java.util.TreeMap;

/**
 * The alert event as JSON, as webhooks and Splunk receive it: the kind, the alert, the policy and
 * the subject (without its annotations, which may be long and are not about the alert).
 */
public final class AlertDocument {
  /** The mapper the channels write JSON with. */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();

  private AlertDocument() {}

  /** The event as a JSON object. */
  public static ObjectNode of(AlertEvent event) {
    ObjectNode document = MAPPER.createObjectNode();
    document.put("kind", event.kind().name());
    document.put("alertId", event.alertId().toString());
    document.put("cluster", event.clusterName());
    AlertSubject subject = event.subject();
    ObjectNode deployment = document.putObject("deployment");
    deployment.put("clusterId", subject.clusterId().toString());
    deployment.put("uid", subject.uid());
    deployment.put("namespace", subject.namespace());
    deployment.put("kind", subject.kind());
    deployment.put("name", subject.name());
    ObjectNode labels = deployment.putObject("labels");
    new TreeMap<>(subject.labels()).forEach(labels::put);
    ObjectNode policy = document.putObject("policy");
    policy.put("id", event.policyId());
    policy.put("name", event.policyName());
    policy.put("severity", event.severity().name());
    document.put("stage", event.stage().name());
    ArrayNode messages = document.putArray("messages");
    event.messages().forEach(messages::add);
    document.put("at", event.at().toString());
    return document;
  }

  /** A string map as a JSON object, keys in order. */
  static ObjectNode object(Map<String, String> values) {
    ObjectNode object = MAPPER.createObjectNode();
    values.forEach(object::put);
    return object;
  }
}
