package dev.bulwark.render.kustomize;

import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import dev.bulwark.core.manifest.ScalarNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The parts of a kustomization file that tell where rendered objects came from.
 *
 * @param resources local and remote entries of {@code resources}, {@code bases} and {@code
 *     components}: files or directories with their own kustomization
 * @param patchFiles files named by {@code patchesStrategicMerge} and {@code patches[].path}
 */
record Kustomization(
    String namePrefix, String nameSuffix, List<String> resources, List<String> patchFiles) {
  /** The file names kubectl accepts, in the order it looks for them. */
  static final List<String> FILE_NAMES =
      List.of("kustomization.yaml", "kustomization.yml", "Kustomization");

  Kustomization {
    resources = List.copyOf(resources);
    patchFiles = List.copyOf(patchFiles);
  }

  /** The kustomization file of {@code directory}, or null when it is not a kustomization. */
  static @Nullable Path fileIn(Path directory) {
    for (String name : FILE_NAMES) {
      Path file = directory.resolve(name);
      if (Files.isRegularFile(file)) {
        return file;
      }
    }
    return null;
  }

  static Kustomization parse(MapNode root) {
    List<String> resources = new ArrayList<>();
    for (String key : List.of("resources", "bases", "components")) {
      resources.addAll(strings(root, key));
    }
    List<String> patchFiles = new ArrayList<>();
    for (String entry : strings(root, "patchesStrategicMerge")) {
      // Entries may also be inline patches; only file names are single lines.
      if (!entry.contains("\n")) {
        patchFiles.add(entry);
      }
    }
    for (Node patch : root.list("patches")) {
      if (patch instanceof MapNode map && map.string("path") != null) {
        patchFiles.add(Objects.requireNonNull(map.string("path")));
      }
    }
    return new Kustomization(
        Objects.requireNonNullElse(root.string("namePrefix"), ""),
        Objects.requireNonNullElse(root.string("nameSuffix"), ""),
        resources,
        patchFiles);
  }

  /** Whether a resource entry names something kubectl fetches rather than a local path. */
  static boolean isRemote(String entry) {
    return entry.contains("://")
        || entry.startsWith("git@")
        || entry.startsWith("github.com/")
        || entry.contains("?ref=");
  }

  private static List<String> strings(MapNode root, String key) {
    List<String> values = new ArrayList<>();
    for (Node item : root.list(key)) {
      if (item instanceof ScalarNode scalar && scalar.asText() != null) {
        values.add(Objects.requireNonNull(scalar.asText()));
      }
    }
    return values;
  }
}
