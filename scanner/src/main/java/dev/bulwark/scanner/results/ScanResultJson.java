package dev.bulwark.scanner.results;

import static dev.bulwark.core.json.StrictJson.bool;
import static dev.bulwark.core.json.StrictJson.instant;
import static dev.bulwark.core.json.StrictJson.object;
import static dev.bulwark.core.json.StrictJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.image.ImageData;
import dev.bulwark.core.image.ImageDataJson;
import dev.bulwark.core.json.StrictJson.MalformedJsonException;
import dev.bulwark.scanner.image.Platform;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
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
    ImageDataJson.write(root.putObject("image"), result.data());
    return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
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
    try {
      return read(root);
    } catch (MalformedJsonException e) {
      throw new MalformedResultException(e.reason());
    }
  }

  private static ScanResult read(JsonNode root)
      throws MalformedResultException, MalformedJsonException {
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
    ImageData image = ImageDataJson.read(object(root, "image"));
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
}
