package dev.bulwark.render.kustomize;

import dev.bulwark.core.manifest.Location;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import dev.bulwark.core.manifest.SourceMap;
import dev.bulwark.render.source.DisplayPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The objects a kustomization is built from, found by following its local {@code resources} (files,
 * and directories with their own kustomization) recursively, plus its patch files. Remote entries
 * are not fetched; their objects map to the kustomization file. Immutable once collected.
 */
final class KustomizeSources {
  private final String kustomizationFile;
  private final List<SourceDocument> resources;
  private final List<SourceDocument> patches;

  private KustomizeSources(
      String kustomizationFile, List<SourceDocument> resources, List<SourceDocument> patches) {
    this.kustomizationFile = kustomizationFile;
    this.resources = List.copyOf(resources);
    this.patches = List.copyOf(patches);
  }

  /**
   * Collects the sources of the kustomization in {@code directory}.
   *
   * @param kustomizationFile the display path of its kustomization file
   */
  static KustomizeSources collect(
      Path directory, String displayName, String kustomizationFile, YamlDocuments yaml) {
    Collector collector = new Collector(yaml);
    collector.visit(directory.toAbsolutePath().normalize(), displayName, UnaryOperator.identity());
    return new KustomizeSources(kustomizationFile, collector.resources, collector.patches);
  }

  /**
   * The source map of a rendered object: its resource document (the one whose prefixed name equals
   * the rendered name, else the longest one whose name the rendered name contains), with the
   * patches that target it; unmatched objects map to the kustomization file.
   */
  SourceMap sourceMap(ManifestObject rendered) {
    String kind = rendered.kind();
    String name = rendered.name();
    SourceDocument resource =
        resources.stream()
            .filter(document -> document.kind().equals(kind))
            .filter(document -> document.renderedName().equals(name))
            .findFirst()
            .orElseGet(() -> longestContained(kind, name));
    if (resource == null) {
      Location kustomization = new Location(kustomizationFile, 0, 0);
      return path -> kustomization;
    }
    List<SourceDocument> objectPatches =
        patches.stream().filter(patch -> patch.matches(kind, name)).toList();
    return new PatchedSourceMap(rendered.root(), resource, objectPatches);
  }

  private @Nullable SourceDocument longestContained(String kind, String name) {
    return resources.stream()
        .filter(document -> document.matches(kind, name))
        .max(Comparator.comparingInt(document -> document.name().length()))
        .orElse(null);
  }

  /** Walks the kustomization tree once; not shared. */
  private static final class Collector {
    private final YamlDocuments yaml;
    private final Set<Path> visited = new HashSet<>();
    private final List<SourceDocument> resources = new ArrayList<>();
    private final List<SourceDocument> patches = new ArrayList<>();

    Collector(YamlDocuments yaml) {
      this.yaml = yaml;
    }

    /**
     * @param outerNaming the name transformations of the kustomizations that include this one
     */
    void visit(Path directory, String displayName, UnaryOperator<String> outerNaming) {
      Path file = Kustomization.fileIn(directory);
      if (file == null || !visited.add(directory)) {
        return;
      }
      Kustomization kustomization = parse(file);
      UnaryOperator<String> naming =
          name -> outerNaming.apply(kustomization.namePrefix() + name + kustomization.nameSuffix());
      for (String entry : kustomization.resources()) {
        if (Kustomization.isRemote(entry)) {
          continue;
        }
        Path target = directory.resolve(entry).normalize();
        String targetDisplayName = DisplayPaths.child(displayName, entry);
        if (Files.isDirectory(target)) {
          visit(target, targetDisplayName, naming);
        } else {
          addDocuments(resources, target, targetDisplayName, naming);
        }
      }
      for (String entry : kustomization.patchFiles()) {
        Path target = directory.resolve(entry).normalize();
        addDocuments(patches, target, DisplayPaths.child(displayName, entry), naming);
      }
    }

    private Kustomization parse(Path file) {
      for (Node document : yaml.read(file)) {
        if (document instanceof MapNode root) {
          return Kustomization.parse(root);
        }
      }
      return new Kustomization("", "", List.of(), List.of());
    }

    private void addDocuments(
        List<SourceDocument> into, Path file, String displayName, UnaryOperator<String> naming) {
      if (!Files.isRegularFile(file)) {
        return;
      }
      for (Node document : yaml.read(file)) {
        if (document instanceof MapNode root && root.string("kind") != null) {
          MapNode metadata = root.map("metadata");
          String name =
              metadata == null ? "" : Objects.requireNonNullElse(metadata.string("name"), "");
          String kind = Objects.requireNonNull(root.string("kind"));
          into.add(new SourceDocument(kind, name, naming.apply(name), displayName, root));
        }
      }
    }
  }
}
