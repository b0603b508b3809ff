package dev.bulwark.core.image;

import static dev.bulwark.core.json.StrictJson.array;
import static dev.bulwark.core.json.StrictJson.bool;
import static dev.bulwark.core.json.StrictJson.instant;
import static dev.bulwark.core.json.StrictJson.number;
import static dev.bulwark.core.json.StrictJson.object;
import static dev.bulwark.core.json.StrictJson.optionalText;
import static dev.bulwark.core.json.StrictJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.json.StrictJson.MalformedJsonException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * {@link ImageData} as one JSON object, field by field, every field always present (null where
 * unknown): the image part of the scanner's stored results and what central sends a sensor about
 * the images its cluster runs. Reading is strict: a missing or mistyped field, or a contradiction
 * the record refuses, makes the whole object unreadable rather than half-filled.
 */
public final class ImageDataJson {
  private ImageDataJson() {}

  /** Writes {@code data} into {@code image} (an empty object). */
  public static void write(ObjectNode image, ImageData data) {
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

  /**
   * Reads what {@link #write} wrote.
   *
   * @throws MalformedJsonException naming the first field that is missing, mistyped or contradicts
   *     another
   */
  public static ImageData read(JsonNode image) throws MalformedJsonException {
    if (!image.isObject()) {
      throw new MalformedJsonException("the image data is no object");
    }
    try {
      return readObject(image);
    } catch (IllegalArgumentException e) {
      throw new MalformedJsonException("the image data is inconsistent: " + e.getMessage());
    }
  }

  private static ImageData readObject(JsonNode image) throws MalformedJsonException {
    List<ImageVulnerability> vulnerabilities = new ArrayList<>();
    for (JsonNode node : array(image, "vulnerabilities")) {
      vulnerabilities.add(vulnerability(node));
    }
    List<DockerfileLine> dockerfile = new ArrayList<>();
    for (JsonNode line : array(image, "dockerfile")) {
      dockerfile.add(new DockerfileLine(text(line, "instruction"), text(line, "value")));
    }
    List<ImageComponent> components = new ArrayList<>();
    for (JsonNode component : array(image, "components")) {
      components.add(component(component));
    }
    Map<String, String> unknownFields = strings(object(image, "unknownFields"), "unknownFields");
    for (Map.Entry<String, String> unknown : unknownFields.entrySet()) {
      if (unknown.getValue().isBlank()) {
        throw new MalformedJsonException(
            "unknownFields." + unknown.getKey() + " is no reason (a non-blank string)");
      }
    }
    if (unknownFields.containsKey(ImageFields.CVE) && !vulnerabilities.isEmpty()) {
      throw new MalformedJsonException("vulnerabilities are listed although declared unknown");
    }
    return new ImageData(
        bool(image, "scanned"),
        optionalText(image, "os"),
        optionalText(image, "user"),
        strings(object(image, "labels"), "labels"),
        components,
        vulnerabilities,
        dockerfile,
        instant(image, "created"),
        instant(image, "scanTime"),
        verifiedBy(array(image, "verifiedBy")),
        unknownFields);
  }

  private static ImageVulnerability vulnerability(JsonNode node) throws MalformedJsonException {
    return new ImageVulnerability(
        text(node, "cve"),
        component(object(node, "component")),
        number(node, "cvss"),
        number(node, "nvdCvss"),
        severity(text(node, "severity")),
        text(node, "fixedBy"),
        instant(node, "publishedAt"),
        instant(node, "fixAvailableAt"),
        instant(node, "firstSeenInImage"),
        instant(node, "firstSeenInSystem"));
  }

  private static Map<String, String> strings(JsonNode object, String name)
      throws MalformedJsonException {
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : object.properties()) {
      if (!entry.getValue().isTextual()) {
        throw new MalformedJsonException(name + "." + entry.getKey() + " is no string");
      }
      values.put(entry.getKey(), entry.getValue().textValue());
    }
    return values;
  }

  private static List<String> verifiedBy(JsonNode array) throws MalformedJsonException {
    List<String> integrations = new ArrayList<>();
    for (JsonNode integration : array) {
      if (!integration.isTextual()) {
        throw new MalformedJsonException("verifiedBy holds a value that is no string");
      }
      integrations.add(integration.textValue());
    }
    return integrations;
  }

  private static void writeComponent(ObjectNode node, ImageComponent component) {
    node.put("name", component.name()).put("version", component.version());
  }

  private static ImageComponent component(JsonNode node) throws MalformedJsonException {
    return new ImageComponent(text(node, "name"), text(node, "version"));
  }

  private static VulnerabilitySeverity severity(String name) throws MalformedJsonException {
    try {
      return VulnerabilitySeverity.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new MalformedJsonException("unknown severity " + name);
    }
  }

  private static void putInstant(ObjectNode node, String field, @Nullable Instant instant) {
    if (instant == null) {
      node.putNull(field);
    } else {
      node.put(field, instant.toString());
    }
  }
}
