package dev.bulwark.vulndb.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.vulndb.osv.Event;
import dev.bulwark.vulndb.osv.Range;
import dev.bulwark.vulndb.osv.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The JSON columns of the store: written from and read into the OSV model. */
final class RecordJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RecordJson() {}

  static String strings(List<String> values) {
    ArrayNode array = JSON.createArrayNode();
    values.forEach(array::add);
    return array.toString();
  }

  static List<String> strings(String json) throws StoreException {
    List<String> values = new ArrayList<>();
    tree(json).forEach(node -> values.add(node.asText()));
    return values;
  }

  static String severities(List<Severity> severities) {
    ArrayNode array = JSON.createArrayNode();
    for (Severity severity : severities) {
      array.addObject().put("type", severity.type()).put("score", severity.score());
    }
    return array.toString();
  }

  static List<Severity> severities(String json) throws StoreException {
    List<Severity> severities = new ArrayList<>();
    for (JsonNode node : tree(json)) {
      severities.add(new Severity(node.path("type").asText(), node.path("score").asText()));
    }
    return severities;
  }

  /** Ranges in the OSV form, so that the column reads like the record. */
  static String ranges(List<Range> ranges) {
    ArrayNode array = JSON.createArrayNode();
    for (Range range : ranges) {
      ObjectNode node = array.addObject().put("type", range.type());
      if (range.repo() != null) {
        node.put("repo", range.repo());
      }
      ArrayNode events = node.putArray("events");
      for (Event event : range.events()) {
        events.addObject().put(event.kind().key(), event.version());
      }
    }
    return array.toString();
  }

  static List<Range> ranges(String json) throws StoreException {
    List<Range> ranges = new ArrayList<>();
    for (JsonNode node : tree(json)) {
      List<Event> events = new ArrayList<>();
      for (JsonNode event : node.path("events")) {
        String key = event.fieldNames().next();
        events.add(
            new Event(Event.Kind.valueOf(key.toUpperCase(Locale.ROOT)), event.get(key).asText()));
      }
      JsonNode repo = node.get("repo");
      ranges.add(
          new Range(node.path("type").asText(), repo == null ? null : repo.asText(), events));
    }
    return ranges;
  }

  private static JsonNode tree(String json) throws StoreException {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new StoreException(
          "the store holds a damaged JSON column; re-import it: " + e.getOriginalMessage(), e);
    }
  }
}
