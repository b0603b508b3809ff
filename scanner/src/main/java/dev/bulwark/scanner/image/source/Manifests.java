package dev.bulwark.scanner.image.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.scanner.image.BlobOpener;
import dev.bulwark.scanner.image.Digests;
import dev.bulwark.scanner.image.HistoryEntry;
import dev.bulwark.scanner.image.ImageConfig;
import dev.bulwark.scanner.image.ImageException;
import dev.bulwark.scanner.image.Layer;
import dev.bulwark.scanner.image.Platform;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Parsing of OCI / Docker manifests, indexes and configs, shared by every source. */
final class Manifests {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Manifests() {}

  static JsonNode parse(byte[] bytes, String where) {
    try {
      JsonNode node = JSON.readTree(bytes);
      if (node == null || !(node.isObject() || node.isArray())) {
        throw new ImageException(where + " is not a JSON document");
      }
      return node;
    } catch (IOException e) {
      throw new ImageException(where + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  /** Whether a document is an image index / manifest list rather than an image manifest. */
  static boolean isIndex(JsonNode document, String mediaType) {
    String type = document.path("mediaType").asText(mediaType);
    return type.contains("index") || type.contains("manifest.list") || document.has("manifests");
  }

  /** The descriptor of an index matching the platform, or an error listing those available. */
  static JsonNode selectPlatform(JsonNode index, Platform wanted, String where) {
    List<String> available = new ArrayList<>();
    for (JsonNode descriptor : index.path("manifests")) {
      JsonNode platform = descriptor.path("platform");
      // Attestation manifests (BuildKit provenance) declare unknown/unknown: not a platform.
      if (platform.isMissingNode() || platform.path("os").asText("unknown").equals("unknown")) {
        continue;
      }
      Platform offered =
          new Platform(
              platform.path("os").asText(),
              platform.path("architecture").asText("unknown"),
              platform.path("variant").asText(null));
      if (wanted.matches(offered)) {
        return descriptor;
      }
      available.add(offered.toString());
    }
    throw new ImageException(
        where
            + " has no image for platform "
            + wanted
            + "; available: "
            + (available.isEmpty() ? "none declared" : String.join(", ", available))
            + " (choose one with --platform)");
  }

  static String digest(JsonNode descriptor, String where) {
    return Digests.requireSha256(descriptor.path("digest").asText(""), where);
  }

  /** The layers a manifest lists, with openers for their blobs. */
  static List<Layer> layers(
      JsonNode manifest, ImageConfig config, Function<String, BlobOpener> opener, String where) {
    List<Layer> layers = new ArrayList<>();
    JsonNode descriptors = manifest.path("layers");
    if (!descriptors.isArray()) {
      throw new ImageException(where + " has no 'layers' array: not an image manifest");
    }
    for (JsonNode descriptor : descriptors) {
      int index = layers.size();
      String digest = digest(descriptor, where + " layer " + index);
      String diffId = index < config.diffIds().size() ? config.diffIds().get(index) : null;
      layers.add(
          new Layer(
              index,
              digest,
              diffId,
              descriptor.path("mediaType").asText(""),
              descriptor.path("size").asLong(-1),
              opener.apply(digest),
              null));
    }
    return layers;
  }

  /** The parts of a config document scans need. */
  static ImageConfig config(byte[] bytes, String where) {
    JsonNode root = parse(bytes, where);
    JsonNode container = root.path("config");
    Map<String, String> labels = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = container.path("Labels").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> label = it.next();
      labels.put(label.getKey(), label.getValue().asText(""));
    }
    List<String> env = new ArrayList<>();
    container.path("Env").forEach(value -> env.add(value.asText("")));
    List<HistoryEntry> history = new ArrayList<>();
    for (JsonNode step : root.path("history")) {
      history.add(
          new HistoryEntry(
              text(step, "created"),
              text(step, "created_by"),
              text(step, "comment"),
              step.path("empty_layer").asBoolean(false)));
    }
    List<String> diffIds = new ArrayList<>();
    root.path("rootfs").path("diff_ids").forEach(value -> diffIds.add(value.asText("")));
    String os = root.path("os").asText("");
    String architecture = root.path("architecture").asText("");
    Platform platform =
        new Platform(
            os.isEmpty() ? "unknown" : os,
            architecture.isEmpty() ? "unknown" : architecture,
            root.path("variant").asText(null));
    return new ImageConfig(
        platform,
        container.path("User").asText(""),
        labels,
        env,
        text(root, "created"),
        history,
        diffIds);
  }

  private static @Nullable String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
