package dev.bulwark.vulndb.osv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads OSV JSON records tolerantly: a part that breaks the OSV schema (a range without an {@code
 * introduced} event, a {@code GIT} event that is not a commit hash, a timestamp that is not RFC
 * 3339, a field of the wrong type) is dropped with a warning and the rest of the record is kept, so
 * one sloppy advisory never costs the others. Only a document that is not JSON, not an object or
 * has no {@code id} is refused.
 *
 * <p>Thread-safe: instances hold only an immutable mapper.
 */
public final class OsvReader {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> RANGE_TYPES = Set.of("ECOSYSTEM", "SEMVER", "GIT");
  private static final Set<String> EVENT_KEYS =
      Set.of("introduced", "fixed", "last_affected", "limit");
  private static final Pattern COMMIT = Pattern.compile("0|[a-f0-9]{40}|[a-f0-9]{64}");

  /**
   * Reads one record.
   *
   * @param source the file or zip entry name, used in messages
   * @param json the document
   * @throws OsvFormatException when the document is not JSON, not an object, or has no id
   */
  public OsvReadResult read(String source, byte[] json) throws OsvFormatException {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      var location = e.getLocation();
      String where =
          location == null
              ? source
              : source + ":" + location.getLineNr() + ":" + location.getColumnNr();
      throw new OsvFormatException(where + ": not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new OsvFormatException(source + ": cannot be read: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new OsvFormatException(source + ": an OSV record must be a JSON object");
    }
    String id = text(root.get("id"));
    if (id == null || id.isBlank()) {
      throw new OsvFormatException(source + ": the record has no \"id\" string");
    }
    return new Parse(root).record(id);
  }

  private static @Nullable String text(@Nullable JsonNode node) {
    return node != null && node.isTextual() ? node.textValue() : null;
  }

  /** The state of one read: the warnings collected so far. */
  private static final class Parse {
    private final JsonNode root;
    private final List<String> warnings = new ArrayList<>();

    Parse(JsonNode root) {
      this.root = root;
    }

    OsvReadResult record(String id) {
      Instant modified = timestamp(root.get("modified"), "modified");
      if (modified == null) {
        warnings.add("modified: missing or not an RFC 3339 time; treated as the oldest time");
        modified = Instant.EPOCH;
      }
      OsvRecord record =
          new OsvRecord(
              id,
              modified,
              timestamp(root.get("published"), "published"),
              timestamp(root.get("withdrawn"), "withdrawn"),
              strings(root.get("aliases"), "aliases"),
              strings(root.get("related"), "related"),
              optionalText(root.get("summary"), "summary"),
              optionalText(root.get("details"), "details"),
              severities(root.get("severity"), "severity"),
              affected(root.get("affected")),
              objectJson(root.get("database_specific"), "database_specific"));
      return new OsvReadResult(record, warnings);
    }

    private @Nullable Instant timestamp(@Nullable JsonNode node, String field) {
      if (node == null || node.isNull()) {
        return null;
      }
      String value = text(node);
      if (value == null) {
        warnings.add(field + ": not a string; ignored");
        return null;
      }
      try {
        return OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeParseException e) {
        warnings.add(field + ": \"" + value + "\" is not an RFC 3339 time; ignored");
        return null;
      }
    }

    private String optionalText(@Nullable JsonNode node, String field) {
      if (node == null || node.isNull()) {
        return "";
      }
      String value = text(node);
      if (value == null) {
        warnings.add(field + ": not a string; ignored");
        return "";
      }
      return value;
    }

    private List<String> strings(@Nullable JsonNode node, String field) {
      List<String> values = new ArrayList<>();
      if (node == null || node.isNull()) {
        return values;
      }
      if (!node.isArray()) {
        warnings.add(field + ": not an array; ignored");
        return values;
      }
      for (int i = 0; i < node.size(); i++) {
        String value = text(node.get(i));
        if (value == null) {
          warnings.add(field + "[" + i + "]: not a string; ignored");
        } else {
          values.add(value);
        }
      }
      return values;
    }

    private @Nullable String objectJson(@Nullable JsonNode node, String field) {
      if (node == null || node.isNull()) {
        return null;
      }
      if (!node.isObject()) {
        warnings.add(field + ": not an object; ignored");
        return null;
      }
      return node.isEmpty() ? null : node.toString();
    }

    private List<Severity> severities(@Nullable JsonNode node, String field) {
      List<Severity> severities = new ArrayList<>();
      for (JsonNode entry : array(node, field)) {
        String type = text(entry.get("type"));
        String score = text(entry.get("score"));
        if (type == null || score == null) {
          warnings.add(field + ": an entry without a \"type\" and \"score\" string; ignored");
        } else {
          severities.add(new Severity(type, score));
        }
      }
      return severities;
    }

    private List<JsonNode> array(@Nullable JsonNode node, String field) {
      List<JsonNode> elements = new ArrayList<>();
      if (node == null || node.isNull()) {
        return elements;
      }
      if (!node.isArray()) {
        warnings.add(field + ": not an array; ignored");
        return elements;
      }
      node.forEach(elements::add);
      return elements;
    }

    private List<Affected> affected(@Nullable JsonNode node) {
      List<Affected> affected = new ArrayList<>();
      List<JsonNode> entries = array(node, "affected");
      for (int i = 0; i < entries.size(); i++) {
        Affected entry = affectedEntry(entries.get(i), "affected[" + i + "]");
        if (entry != null) {
          affected.add(entry);
        }
      }
      return affected;
    }

    private @Nullable Affected affectedEntry(JsonNode entry, String field) {
      JsonNode packageNode = entry.get("package");
      String ecosystem = packageNode == null ? null : text(packageNode.get("ecosystem"));
      String name = packageNode == null ? null : text(packageNode.get("name"));
      if (ecosystem == null || name == null || ecosystem.isBlank() || name.isBlank()) {
        warnings.add(field + ": no package ecosystem and name; entry ignored");
        return null;
      }
      String purl = text(packageNode.get("purl"));
      List<Range> ranges = new ArrayList<>();
      List<JsonNode> rangeNodes = array(entry.get("ranges"), field + ".ranges");
      for (int i = 0; i < rangeNodes.size(); i++) {
        Range range = range(rangeNodes.get(i), field + ".ranges[" + i + "]");
        if (range != null) {
          ranges.add(range);
        }
      }
      List<String> versions = strings(entry.get("versions"), field + ".versions");
      if (ranges.isEmpty() && versions.isEmpty()) {
        warnings.add(field + ": no usable ranges or versions; the package matches nothing");
      }
      return new Affected(
          new OsvPackage(ecosystem, name, purl),
          ranges,
          versions,
          severities(entry.get("severity"), field + ".severity"),
          objectJson(entry.get("ecosystem_specific"), field + ".ecosystem_specific"),
          objectJson(entry.get("database_specific"), field + ".database_specific"));
    }

    private @Nullable Range range(JsonNode node, String field) {
      String type = text(node.get("type"));
      if (type == null || !RANGE_TYPES.contains(type)) {
        warnings.add(field + ": unknown range type " + node.get("type") + "; range ignored");
        return null;
      }
      String repo = text(node.get("repo"));
      if (type.equals("GIT") && repo == null) {
        warnings.add(field + ": a GIT range without \"repo\"; range ignored");
        return null;
      }
      List<Event> events = new ArrayList<>();
      for (JsonNode eventNode : array(node.get("events"), field + ".events")) {
        Event event = event(eventNode, type, field);
        if (event == null) {
          return null;
        }
        events.add(event);
      }
      if (events.stream().noneMatch(event -> event.kind() == Event.Kind.INTRODUCED)) {
        warnings.add(field + ": no \"introduced\" event; range ignored");
        return null;
      }
      return new Range(type, repo, events);
    }

    /** The event, or null (with a warning) when it makes the whole range unreliable. */
    private @Nullable Event event(JsonNode node, String type, String field) {
      if (!node.isObject() || node.size() != 1) {
        warnings.add(field + ": an event must hold exactly one key; range ignored");
        return null;
      }
      String key = node.fieldNames().next();
      String version = text(node.get(key));
      if (!EVENT_KEYS.contains(key) || version == null || version.isBlank()) {
        warnings.add(field + ": event " + node + " is not a known event; range ignored");
        return null;
      }
      if (type.equals("GIT") && !COMMIT.matcher(version).matches()) {
        warnings.add(
            field + ": GIT event \"" + version + "\" is not a full commit hash; range ignored");
        return null;
      }
      return new Event(Event.Kind.ofKey(key), version);
    }
  }
}
