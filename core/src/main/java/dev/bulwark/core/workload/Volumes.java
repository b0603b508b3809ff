package dev.bulwark.core.workload;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads pod volumes. The type is the first key besides {@code name} (the volume source); a volume
 * with no source is an {@code emptyDir}, as the API server defaults it. The source is the field
 * that names what the volume points at, or empty for types without one ({@code emptyDir}, {@code
 * projected}, {@code downwardAPI}, ...).
 */
final class Volumes {
  private static final Map<String, String> SOURCE_FIELDS =
      Map.ofEntries(
          Map.entry("hostPath", "path"),
          Map.entry("secret", "secretName"),
          Map.entry("configMap", "name"),
          Map.entry("persistentVolumeClaim", "claimName"),
          Map.entry("csi", "driver"),
          Map.entry("flexVolume", "driver"),
          Map.entry("gitRepo", "repository"),
          Map.entry("image", "reference"),
          Map.entry("gcePersistentDisk", "pdName"),
          Map.entry("awsElasticBlockStore", "volumeID"),
          Map.entry("azureDisk", "diskName"),
          Map.entry("azureFile", "shareName"),
          Map.entry("cinder", "volumeID"),
          Map.entry("glusterfs", "path"));

  private Volumes() {}

  static List<Volume> read(MapNode podSpec, FieldPath podSpecPath) {
    List<Node> items = podSpec.list("volumes");
    List<Volume> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) instanceof MapNode volume) {
        String name = volume.string("name");
        String type = type(volume);
        out.add(
            new Volume(
                name == null ? "" : name,
                type,
                source(type, volume.map(type)),
                podSpecPath.key("volumes").index(i)));
      }
    }
    return out;
  }

  /** Names of the projected volumes that include a service account token. */
  static Set<String> serviceAccountTokenVolumes(MapNode podSpec) {
    Set<String> names = new HashSet<>();
    for (MapNode volume : podSpec.maps("volumes")) {
      String name = volume.string("name");
      MapNode projected = volume.map("projected");
      if (name != null && projected != null) {
        for (MapNode source : projected.maps("sources")) {
          if (source.map("serviceAccountToken") != null) {
            names.add(name);
          }
        }
      }
    }
    return names;
  }

  private static String type(MapNode volume) {
    for (String key : volume.keys()) {
      if (!key.equals("name")) {
        return key;
      }
    }
    return "emptyDir";
  }

  private static String source(String type, @Nullable MapNode source) {
    if (source == null) {
      return "";
    }
    if (type.equals("nfs")) {
      String server = NodeValues.text(source, "server");
      String path = NodeValues.text(source, "path");
      if (server == null && path == null) {
        return "";
      }
      return (server == null ? "" : server) + ":" + (path == null ? "" : path);
    }
    String field = SOURCE_FIELDS.get(type);
    String value = field == null ? null : source.string(field);
    if (value == null) {
      return "";
    }
    return type.equals("hostPath") ? cleanHostPath(value) : value;
  }

  /**
   * The host path as the kubelet resolves it: {@code /var/run/./docker.sock}, {@code
   * //var/run/docker.sock/} and {@code /var/lib/../run/docker.sock} all mount the runtime socket,
   * and a policy written for {@code /var/run/docker.sock} must see them as such. Lexical cleaning
   * only (like Go's path.Clean); symbolic links on the node cannot be known here.
   */
  static String cleanHostPath(String path) {
    if (path.isEmpty()) {
      return path;
    }
    boolean absolute = path.startsWith("/");
    List<String> parts = new ArrayList<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!parts.isEmpty() && !parts.get(parts.size() - 1).equals("..")) {
          parts.remove(parts.size() - 1);
        } else if (!absolute) {
          parts.add(part);
        }
        continue;
      }
      parts.add(part);
    }
    String joined = String.join("/", parts);
    if (absolute) {
      return "/" + joined;
    }
    return joined.isEmpty() ? "." : joined;
  }
}
