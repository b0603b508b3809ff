package dev.bulwark.scanner.scan;

import dev.bulwark.scanner.analyzer.AnalysisResult;
import dev.bulwark.scanner.analyzer.Note;
import dev.bulwark.scanner.analyzer.OsFinding;
import dev.bulwark.scanner.analyzer.Package;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The results of the merged filesystem, by layer file path, as layers are applied in order. Not
 * thread-safe.
 */
final class MergedFiles {
  private final NavigableMap<String, FileResults> files = new TreeMap<>();

  /** Drops the results a layer deletes or replaces; call before adding that layer's results. */
  void apply(LayerChanges changes) {
    changes.deleted().forEach(this::removeTree);
    changes.replaced().forEach(this::removeTree);
    changes.directories().forEach(files::remove);
    for (String directory : changes.opaque()) {
      if (directory.isEmpty()) {
        files.clear();
      } else {
        removeUnder(directory);
      }
    }
  }

  /** Adds one analyzer's results from a layer. */
  void add(int layerIndex, String layer, AnalysisResult result) {
    for (Package found : result.packages()) {
      at(found.path(), layerIndex, layer).packages().add(found);
    }
    for (OsFinding found : result.osFindings()) {
      at(found.path(), layerIndex, layer).osFindings().add(found);
    }
    for (Note note : result.notes()) {
      at(note.path(), layerIndex, layer).notes().add(note);
    }
  }

  /** The surviving files' results, by layer, then path. */
  List<FileResults> files() {
    return files.values().stream()
        .sorted(Comparator.comparingInt(FileResults::layerIndex))
        .toList();
  }

  private FileResults at(String path, int layerIndex, String layer) {
    return files.computeIfAbsent(
        PathKeyedSink.fileOf(path),
        file ->
            new FileResults(
                layerIndex, layer, new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
  }

  private void removeTree(String path) {
    files.remove(path);
    removeUnder(path);
  }

  private void removeUnder(String directory) {
    String prefix = directory + "/";
    files.subMap(prefix, true, directory + "0", false).clear();
  }

  /** The results of one file of the merged filesystem, and the layer that wrote it. */
  record FileResults(
      int layerIndex,
      String layer,
      List<Package> packages,
      List<OsFinding> osFindings,
      List<Note> notes) {}
}
