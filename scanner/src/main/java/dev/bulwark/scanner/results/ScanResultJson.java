package dev.bulwark.scanner.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.image.DockerfileLine;
import dev.bulwark.core.image.ImageComponent;
import dev.bulwark.core.image.ImageData;
import dev.bulwark.core.image.ImageFields;
import dev.bulwark.core.image.ImageVulnerability;
import dev.bulwark.core.image.VulnerabilitySeverity;
import dev.bulwark.scanner.image.Platform;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The stored form of a {@link ScanResult} (the result store's files, central's image scans): one
 * JSON object with a format version, written field by field so that the file format does not change
 * when a record gains a component. Reading is strict: a missing or mistyped field makes the whole
 * entry unreadable rather than half-filled.
 */
public final class ScanResultJson {
  /**
   * Bumped when the stored form changes incompatibly: older entries are then ignored. 2: the image
   * declares its unknown fields.
   */
  static final int FORMAT = 2;

  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private ScanResultJson() {}

  /** Thrown for an entry that is not a stored result of this format. */
  public static final class MalformedResultException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedResultException(String message) {
      super(message);
    }
  }

  /** The stored form of a result (UTF-8 JSON). */
  public static byte[] write(ScanResult result) throws IOException {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("digest", result.digest());
    root.put("reference", result.reference());
    root.put("platform", result.platform().toString());
    root.put("vulnerabilitiesChecked", result.vulnerabilitiesChecked());
    putInstant(root, "database", result.database());
    ObjectNode analyzers = root.putObject("analyzers");
    result.analyzers().forEach(analyzers::put);
    writeImage(root.putObject("image"), result.data());
    return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
  }

  private static void writeImage(ObjectNode image, ImageData data) {
    image.put("scanned", data.scanned());
    image.put("os", data.os());
    image.put("user", data.user());
    ObjectNode labels = image.putObject("labels");
    data.labels().forEach(labels::put);
    ArrayNode components = image.putArray("components");
    data.components().forEach(component -> writeComponent(components.addObject(), component));
    ArrayNode vulnerabilities = image.putArray("vulnerabilities");
    for (ImageVulnerability vulnerability : data.vulnerabilities()) {
      ObjectNode node = vulnerabilities.addObject();
      node.put("cve", vulnerability.cve());
      writeComponent(node.putObject("component"), vulnerability.component());
      node.put("cvss", vulnerability.cvss());
      node.put("nvdCvss", vulnerability.nvdCvss());
      node.put("severity", vulnerability.severity().name());
      node.put("fixedBy", vulnerability.fixedBy());
      putInstant(node, "publishedAt", vulnerability.publishedAt());
      putInstant(node, "fixAvailableAt", vulnerability.fixAvailableAt());
      putInstant(node, "firstSeenInImage", vulnerability.firstSeenInImage());
      putInstant(node, "firstSeenInSystem", vulnerability.firstSeenInSystem());
    }
    ArrayNode dockerfile = image.putArray("dockerfile");
    for (DockerfileLine line : data.dockerfile()) {
      dockerfile.addObject().put("instruction", line.instruction()).put("value", line.value());
    }
    putInstant(image, "created", data.created());
    putInstant(image, "scanTime", data.scanTime());
    ArrayNode verifiedBy = image.putArray("verifiedBy");
    data.verifiedBy().forEach(verifiedBy::add);
    ObjectNode unknownFields = image.putObject("unknownFields");
    new TreeMap<>(data.unknownFields()).forEach(unknownFields::put);
  }

  private static void writeComponent(ObjectNode node, ImageComponent component) {
    node.put("name", component.name()).put("version", component.version());
  }

  private static void putInstant(ObjectNode node, String field, @Nullable Instant instant) {
    if (instant == null) {
      node.putNull(field);
    } else {
      node.put(field, instant.toString());
    }
  }

  /**
   * Reads an entry.
   *
   * @throws MalformedResultException when it is not JSON of this format
   */
  public static ScanResult read(byte[] bytes) throws MalformedResultException {
    JsonNode root;
    try {
      root = MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new MalformedResultException("not JSON (" + e.getClass().getSimpleName() + ")");
    }
    if (root == null || !root.isObject()) {
      throw new MalformedResultException("not a JSON object");
    }
    JsonNode format = root.path("format");
    if (!format.isInt() || format.intValue() != FORMAT) {
      throw new MalformedResultException(
          "format " + format + " is not the supported format " + FORMAT);
    }
    Platform platform;
    try {
      platform = Platform.parse(text(root, "platform"));
    } catch (RuntimeException e) {
      throw new MalformedResultException("invalid platform: " + e.getMessage());
    }
    Map<String, Integer> analyzers = new LinkedHashMap<>();
    JsonNode analyzerNode = object(root, "analyzers");
    for (Map.Entry<String, JsonNode> entry : analyzerNode.properties()) {
      if (!entry.getValue().isInt()) {
        throw new MalformedResultException("analyzer version of " + entry.getKey() + " is no int");
      }
      analyzers.put(entry.getKey(), entry.getValue().intValue());
    }
    ImageData image = readImage(object(root, "image"));
    if (bool(root, "vulnerabilitiesChecked") != image.vulnerabilitiesKnown()) {
      throw new MalformedResultException(
          "\"vulnerabilitiesChecked\" contradicts the image's unknown fields");
    }
    return new ScanResult(
        text(root, "digest"),
        text(root, "reference"),
        platform,
        image,
        instant(root, "database"),
        analyzers);
  }

  private static ImageData readImage(JsonNode image) throws MalformedResultException {
    Map<String, String> labels = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> label : object(image, "labels").properties()) {
      if (!label.getValue().isTextual()) {
        throw new MalformedResultException("label " + label.getKey() + " is no string");
      }
      labels.put(label.getKey(), label.getValue().textValue());
    }
    List<ImageComponent> components = new ArrayList<>();
    for (JsonNode component : array(image, "components")) {
      components.add(component(component));
    }
    List<ImageVulnerability> vulnerabilities = new ArrayList<>();
    for (JsonNode node : array(image, "vulnerabilities")) {
      vulnerabilities.add(
          new ImageVulnerability(
              text(node, "cve"),
              component(object(node, "component")),
              number(node, "cvss"),
              number(node, "nvdCvss"),
              severity(text(node, "severity")),
              text(node, "fixedBy"),
              instant(node, "publishedAt"),
              instant(node, "fixAvailableAt"),
              instant(node, "firstSeenInImage"),
              instant(node, "firstSeenInSystem")));
    }
    List<DockerfileLine> dockerfile = new ArrayList<>();
    for (JsonNode line : array(image, "dockerfile")) {
      dockerfile.add(new DockerfileLine(text(line, "instruction"), text(line, "value")));
    }
    List<String> verifiedBy = new ArrayList<>();
    for (JsonNode integration : array(image, "verifiedBy")) {
      if (!integration.isTextual()) {
        throw new MalformedResultException("verifiedBy holds a value that is no string");
      }
      verifiedBy.add(integration.textValue());
    }
    Map<String, String> unknownFields = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> unknown : object(image, "unknownFields").properties()) {
      if (!unknown.getValue().isTextual() || unknown.getValue().textValue().isBlank()) {
        throw new MalformedResultException(
            "unknownFields." + unknown.getKey() + " is no reason (a non-blank string)");
      }
      unknownFields.put(unknown.getKey(), unknown.getValue().textValue());
    }
    if (unknownFields.containsKey(ImageFields.CVE) && !vulnerabilities.isEmpty()) {
      throw new MalformedResultException("vulnerabilities are listed although declared unknown");
    }
    return new ImageData(
        bool(image, "scanned"),
        optionalText(image, "os"),
        optionalText(image, "user"),
        labels,
        components,
        vulnerabilities,
        dockerfile,
        instant(image, "created"),
        instant(image, "scanTime"),
        verifiedBy,
        unknownFields);
  }

  private static ImageComponent component(JsonNode node) throws MalformedResultException {
    return new ImageComponent(text(node, "name"), text(node, "version"));
  }

  private static VulnerabilitySeverity severity(String name) throws MalformedResultException {
    try {
      return VulnerabilitySeverity.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new MalformedResultException("unknown severity " + name);
    }
  }

  private static String text(JsonNode node, String field) throws MalformedResultException {
    JsonNode value = node.path(field);
    if (!value.isTextual()) {
      throw new MalformedResultException("\"" + field + "\" is missing or no string");
    }
    return value.textValue();
  }

  private static @Nullable String optionalText(JsonNode node, String field)
      throws MalformedResultException {
    return node.path(field).isNull() ? null : text(node, field);
  }

  private static boolean bool(JsonNode node, String field) throws MalformedResultException {
    JsonNode value = node.path(field);
    if (!value.isBoolean()) {
      throw new MalformedResultException("\"" + field + "\" is missing or no boolean");
    }
    return value.booleanValue();
  }

  private static double number(JsonNode node, String field) throws MalformedResultException {
    JsonNode value = node.path(field);
    if (!value.isNumber()) {
      throw new MalformedResultException("\"" + field + "\" is missing or no number");
    }
    return value.doubleValue();
  }

  private static @Nullable Instant instant(JsonNode node, String field)
      throws MalformedResultException {
    String value = optionalText(node, field);
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new MalformedResultException("\"" + field + "\" is not an instant: " + value);
    }
  }

  private static JsonNode object(JsonNode node, String field) throws MalformedResultException {
    JsonNode value = node.path(field);
    if (!value.isObject()) {
      throw new MalformedResultException("\"" + field + "\" is missing or no object");
    }
    return value;
  }

  private static JsonNode array(JsonNode node, String field) throws MalformedResultException {
    JsonNode value = node.path(field);
    if (!value.isArray()) {
      throw new MalformedResultException("\"" + field + "\" is missing or no array");
    }
    return value;
  }
}
