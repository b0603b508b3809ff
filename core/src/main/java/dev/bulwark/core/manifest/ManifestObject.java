package dev.bulwark.core.manifest;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One Kubernetes object read from the input, with where it came from.
 *
 * @param root the whole object
 * @param file display path of the file it was read from (or the chart or kustomization dir)
 * @param documentIndex 0-based index of the YAML document within that file
 * @param sourceMap maps fields back to what a person wrote
 */
public record ManifestObject(MapNode root, String file, int documentIndex, SourceMap sourceMap) {
  public ManifestObject {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(sourceMap, "sourceMap");
  }

  public static ManifestObject direct(MapNode root, String file, int documentIndex) {
    return new ManifestObject(root, file, documentIndex, SourceMap.direct(file, root));
  }

  public String apiVersion() {
    return Objects.requireNonNullElse(root.string("apiVersion"), "");
  }

  public String kind() {
    return Objects.requireNonNullElse(root.string("kind"), "");
  }

  /** The API group: "" for the core group, else the part of apiVersion before the slash. */
  public String group() {
    String apiVersion = apiVersion();
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  public MapNode metadata() {
    MapNode metadata = root.map("metadata");
    return metadata != null ? metadata : MapNode.empty(root.position());
  }

  public String name() {
    String name = metadata().string("name");
    if (name == null) {
      name = metadata().string("generateName");
    }
    return Objects.requireNonNullElse(name, "");
  }

  public @Nullable String namespace() {
    return metadata().string("namespace");
  }

  /**
   * The namespace the object lands in when applied without {@code -n}: {@code default} when the
   * manifest sets none or a blank one. Cluster-scoped kinds get {@code default} too, which callers
   * that care about scope must tell apart themselves.
   */
  public String namespaceOrDefault() {
    String namespace = namespace();
    return namespace == null || namespace.isBlank() ? "default" : namespace;
  }

  public Map<String, String> labels() {
    return metadata().stringMap("labels");
  }

  public Map<String, String> annotations() {
    return metadata().stringMap("annotations");
  }

  /** Where the object starts (its first key). */
  public Location location() {
    return sourceMap.locate(FieldPath.ROOT);
  }

  public Location locate(FieldPath path) {
    return sourceMap.locate(path);
  }

  /** "Deployment default/web" style label for messages. */
  public String displayName() {
    String namespace = namespace();
    return kind() + " " + (namespace == null ? "" : namespace + "/") + name();
  }
}
