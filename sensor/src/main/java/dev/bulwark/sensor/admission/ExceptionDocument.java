package dev.bulwark.sensor.admission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.bulwark.policy.exception.PolicyException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes exceptions in the list shape {@code ExceptionReader} reads ({@code exceptions: [{name,
 * policies, categories, scope, owner, reason, ticket, expires}]}), as JSON, which is also YAML.
 * Empty lists and absent optional fields are left out, as the reader allows. Stateless.
 */
final class ExceptionDocument {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ExceptionDocument() {}

  static String write(List<PolicyException> exceptions) {
    List<Map<String, Object>> items = new ArrayList<>();
    for (PolicyException exception : exceptions) {
      items.add(item(exception));
    }
    try {
      return JSON.writeValueAsString(Map.of("exceptions", items)) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> item(PolicyException exception) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("name", exception.name());
    putIfAny(item, "policies", exception.policies());
    putIfAny(item, "categories", exception.categories());
    Map<String, Object> scope = new LinkedHashMap<>();
    if (exception.cluster() != null) {
      scope.put("cluster", exception.cluster());
    }
    putIfAny(scope, "namespaces", exception.namespaces());
    if (!exception.labels().isEmpty()) {
      scope.put("labels", new java.util.TreeMap<>(exception.labels()));
    }
    putIfAny(scope, "workloads", exception.workloads());
    putIfAny(scope, "images", exception.images());
    if (!scope.isEmpty()) {
      item.put("scope", scope);
    }
    item.put("owner", exception.owner());
    item.put("reason", exception.reason());
    if (exception.ticket() != null) {
      item.put("ticket", exception.ticket());
    }
    if (exception.expires() != null) {
      item.put("expires", exception.expires().toString());
    }
    return item;
  }

  private static void putIfAny(Map<String, Object> map, String key, List<String> values) {
    if (!values.isEmpty()) {
      map.put(key, values);
    }
  }
}
