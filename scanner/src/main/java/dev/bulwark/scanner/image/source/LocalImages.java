package dev.bulwark.scanner.image.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.scanner.image.BlobOpener;
import dev.bulwark.scanner.image.Digests;
import dev.bulwark.scanner.image.Image;
import dev.bulwark.scanner.image.ImageConfig;
import dev.bulwark.scanner.image.ImageException;
import dev.bulwark.scanner.image.Layer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Images stored in files: an OCI image layout (directory or archive) or a docker save archive. */
final class LocalImages {
  private static final String REF_NAME = "org.opencontainers.image.ref.name";
  private static final String BLOBS = "blobs/sha256/";

  private final BlobStore store;
  private final String reference;
  private final ImageOptions options;

  LocalImages(BlobStore store, String reference, ImageOptions options) {
    this.store = store;
    this.reference = reference;
    this.options = options;
  }

  /** Opens the image named by tag (null: the only one, or the platform's). */
  Image open(@Nullable String tag) {
    if (store.exists("index.json")) {
      return layout(tag);
    }
    if (store.exists("manifest.json")) {
      return dockerArchive(tag);
    }
    throw new ImageException(
        store.describe()
            + " is neither an OCI image layout (no index.json) nor a docker save archive (no"
            + " manifest.json)");
  }

  private Image layout(@Nullable String tag) {
    JsonNode index = Manifests.parse(read("index.json"), store.describe() + "!index.json");
    List<JsonNode> candidates = new ArrayList<>();
    List<String> tags = new ArrayList<>();
    for (JsonNode descriptor : index.path("manifests")) {
      String name = descriptor.path("annotations").path(REF_NAME).asText("");
      if (!name.isEmpty()) {
        tags.add(name);
      }
      if (tag == null || tag.equals(name)) {
        candidates.add(descriptor);
      }
    }
    String where = store.describe();
    if (candidates.isEmpty()) {
      throw new ImageException(
          where
              + (tag == null ? " lists no image" : " has no image tagged '" + tag + "'")
              + "; tags: "
              + (tags.isEmpty() ? "none" : String.join(", ", tags)));
    }
    JsonNode chosen;
    if (candidates.size() == 1) {
      chosen = candidates.get(0);
    } else if (candidates.stream().allMatch(descriptor -> descriptor.has("platform"))) {
      JsonNode pseudoIndex =
          Manifests.parse(
              ("{\"manifests\":" + candidates + "}").getBytes(StandardCharsets.UTF_8), where);
      chosen = Manifests.selectPlatform(pseudoIndex, options.platform(), where);
    } else {
      throw new ImageException(
          where
              + " holds several images: name one as "
              + where
              + ":<tag>; tags: "
              + String.join(", ", tags));
    }
    return resolve(chosen, where);
  }

  private Image resolve(JsonNode descriptor, String where) {
    String digest = Manifests.digest(descriptor, where);
    byte[] bytes = blob(digest);
    JsonNode document = Manifests.parse(bytes, where + " manifest " + digest);
    if (Manifests.isIndex(document, descriptor.path("mediaType").asText(""))) {
      return resolve(
          Manifests.selectPlatform(document, options.platform(), where + " index " + digest),
          where);
    }
    String configDigest = Manifests.digest(document.path("config"), where + " config");
    ImageConfig config = Manifests.config(blob(configDigest), where + " config " + configDigest);
    List<Layer> layers =
        Manifests.layers(document, config, this::opener, where + " manifest " + digest);
    return new Image(reference, digest, configDigest, config, layers);
  }

  private Image dockerArchive(@Nullable String tag) {
    String where = store.describe() + "!manifest.json";
    JsonNode manifest = Manifests.parse(read("manifest.json"), where);
    JsonNode chosen = null;
    List<String> tags = new ArrayList<>();
    for (JsonNode entry : manifest) {
      entry.path("RepoTags").forEach(repoTag -> tags.add(repoTag.asText()));
      boolean tagged = false;
      for (JsonNode repoTag : entry.path("RepoTags")) {
        String text = repoTag.asText();
        tagged |= tag != null && (text.equals(tag) || text.endsWith(":" + tag));
      }
      if (tag == null ? manifest.size() == 1 : tagged) {
        chosen = entry;
      }
    }
    if (chosen == null) {
      throw new ImageException(
          where
              + (tag == null
                  ? " holds several images: name one with :<tag>"
                  : " has no image tagged '" + tag + "'")
              + "; tags: "
              + (tags.isEmpty() ? "none" : String.join(", ", tags)));
    }
    String configName = safeName(chosen.path("Config").asText(""), where);
    byte[] configBytes = read(configName);
    ImageConfig config = Manifests.config(configBytes, where + " " + configName);
    List<Layer> layers = new ArrayList<>();
    for (JsonNode layerName : chosen.path("Layers")) {
      String name = safeName(layerName.asText(""), where);
      int index = layers.size();
      String digest =
          name.startsWith(BLOBS) ? "sha256:" + name.substring(BLOBS.length()) : hash(name);
      long size = size(name);
      layers.add(
          new Layer(
              index,
              Digests.requireSha256(digest, where + " layer " + name),
              index < config.diffIds().size() ? config.diffIds().get(index) : null,
              "application/vnd.docker.image.rootfs.diff.tar",
              size,
              verifiedOpener(name, digest),
              null));
    }
    return new Image(reference, null, Digests.sha256(configBytes), config, layers);
  }

  private BlobOpener opener(String digest) {
    return verifiedOpener(BLOBS + digest.substring("sha256:".length()), digest);
  }

  private BlobOpener verifiedOpener(String name, String digest) {
    String what = "blob " + digest + " in " + store.describe();
    return () -> Digests.verifying(store.open(name), digest, what);
  }

  private byte[] blob(String digest) {
    byte[] bytes = read(BLOBS + digest.substring("sha256:".length()));
    if (!Digests.sha256(bytes).equals(digest)) {
      throw new ImageException(
          "blob " + digest + " in " + store.describe() + " does not match its digest: refusing it");
    }
    return bytes;
  }

  private byte[] read(String name) {
    try (InputStream in = store.open(name)) {
      long max = options.limits().maxMetadataBytes();
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
      if (bytes.length > max) {
        throw new ImageException(
            store.describe() + "!" + name + " is larger than " + max + " bytes (limit)");
      }
      return bytes;
    } catch (IOException e) {
      throw new ImageException(
          "cannot read " + name + " in " + store.describe() + ": " + e.getMessage(), e);
    }
  }

  private long size(String name) {
    try {
      return store.size(name);
    } catch (IOException e) {
      throw new ImageException(
          "cannot read " + name + " in " + store.describe() + ": " + e.getMessage(), e);
    }
  }

  /** A layer named only by path in a docker save archive: its digest is computed once. */
  private String hash(String name) {
    try (InputStream in = store.open(name)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      try (DigestInputStream digesting = new DigestInputStream(in, digest)) {
        digesting.transferTo(OutputStream.nullOutputStream());
      }
      return "sha256:" + HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new ImageException(
          "cannot read " + name + " in " + store.describe() + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private static String safeName(String name, String where) {
    String trimmed = name.replaceFirst("^(\\./)+", "");
    if (trimmed.isEmpty()
        || trimmed.startsWith("/")
        || List.of(trimmed.split("/")).contains("..")) {
      throw new ImageException(
          where + " names file '" + name + "' outside the archive: refusing it");
    }
    return trimmed;
  }
}
