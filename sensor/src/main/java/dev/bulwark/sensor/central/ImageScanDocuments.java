package dev.bulwark.sensor.central;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.image.ImageComponent;
import dev.bulwark.core.image.ImageData;
import dev.bulwark.core.image.ImageDataJson;
import dev.bulwark.core.image.ImageVulnerability;
import dev.bulwark.core.json.StrictJson;
import dev.bulwark.core.json.StrictJson.MalformedJsonException;
import dev.bulwark.sensor.images.ImageKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The form of image scan data between central and the sensor, {@code {"images": [{"name", "digest",
 * "data"}]}}, which the sensor's cache file keeps too. Read and written one image at a time (a
 * cluster's images can come to hundreds of megabytes as one tree). The components and
 * vulnerabilities read are shared between images: images built on one base repeat most of them, and
 * the sensor keeps every image it evaluates. Thread-safe.
 */
final class ImageScanDocuments {
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private final Map<Object, WeakReference<Object>> canonical = new WeakHashMap<>();

  /** The images of a document, each once. */
  synchronized Map<ImageKey, ImageData> read(InputStream json)
      throws IOException, MalformedJsonException {
    Map<ImageKey, ImageData> images = new LinkedHashMap<>();
    try (JsonParser parser = MAPPER.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new MalformedJsonException("the document is no object");
      }
      boolean listed = false;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (!field.equals("images")) {
          parser.skipChildren();
          continue;
        }
        if (value != JsonToken.START_ARRAY) {
          throw new MalformedJsonException("\"images\" is no array");
        }
        listed = true;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          JsonNode image = MAPPER.readTree(parser);
          JsonNode digest = image.path("digest");
          images.put(
              new ImageKey(
                  StrictJson.text(image, "name"), digest.isTextual() ? digest.asText() : null),
              shared(ImageDataJson.read(image.path("data"))));
        }
      }
      if (!listed) {
        throw new MalformedJsonException("\"images\" is missing");
      }
    }
    return images;
  }

  /** Writes the images as a document. */
  static void write(OutputStream out, Map<ImageKey, ImageData> images) throws IOException {
    try (JsonGenerator generator = MAPPER.createGenerator(out)) {
      generator.writeStartObject();
      generator.writeArrayFieldStart("images");
      for (Map.Entry<ImageKey, ImageData> image : images.entrySet()) {
        ObjectNode entry = MAPPER.createObjectNode();
        entry.put("name", image.getKey().name()).put("digest", image.getKey().digest());
        ImageDataJson.write(entry.putObject("data"), image.getValue());
        MAPPER.writeTree(generator, entry);
      }
      generator.writeEndArray();
      generator.writeEndObject();
    }
  }

  /** The data with its components and vulnerabilities replaced by equal ones already held. */
  private ImageData shared(ImageData data) {
    List<ImageComponent> components = new ArrayList<>(data.components().size());
    data.components().forEach(component -> components.add(canonical(component)));
    List<ImageVulnerability> vulnerabilities = new ArrayList<>(data.vulnerabilities().size());
    for (ImageVulnerability vulnerability : data.vulnerabilities()) {
      vulnerabilities.add(
          canonical(
              new ImageVulnerability(
                  vulnerability.cve(),
                  canonical(vulnerability.component()),
                  vulnerability.cvss(),
                  vulnerability.nvdCvss(),
                  vulnerability.severity(),
                  vulnerability.fixedBy(),
                  vulnerability.publishedAt(),
                  vulnerability.fixAvailableAt(),
                  vulnerability.firstSeenInImage(),
                  vulnerability.firstSeenInSystem())));
    }
    return new ImageData(
        data.scanned(),
        data.os(),
        data.user(),
        data.labels(),
        components,
        vulnerabilities,
        data.dockerfile(),
        data.created(),
        data.scanTime(),
        data.verifiedBy(),
        data.unknownFields());
  }

  /** An equal value already held, else {@code value}; values no image holds any more go. */
  @SuppressWarnings("unchecked")
  private <T> T canonical(T value) {
    WeakReference<Object> held = canonical.get(value);
    Object existing = held == null ? null : held.get();
    if (existing != null) {
      return (T) existing;
    }
    canonical.put(value, new WeakReference<>(value));
    return value;
  }
}
