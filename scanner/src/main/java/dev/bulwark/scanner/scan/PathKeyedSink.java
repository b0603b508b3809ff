package dev.bulwark.scanner.scan;

import dev.bulwark.scanner.analyzer.AnalysisResult;
import dev.bulwark.scanner.analyzer.AnalysisSink;
import dev.bulwark.scanner.analyzer.Note;
import dev.bulwark.scanner.analyzer.OsFinding;
import dev.bulwark.scanner.analyzer.Package;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects one analyzer's results in one layer, able to forget a file's results when the layer
 * writes the file again. Not thread-safe: a layer is read by one thread.
 */
final class PathKeyedSink implements AnalysisSink {
  private final List<Package> packages = new ArrayList<>();
  private final List<OsFinding> osFindings = new ArrayList<>();
  private final List<Note> notes = new ArrayList<>();

  /**
   * The layer file a result path belongs to: the path before {@code !/} for an entry inside an
   * archive.
   */
  static String fileOf(String path) {
    int archive = path.indexOf("!/");
    return archive < 0 ? path : path.substring(0, archive);
  }

  @Override
  public void found(Package found) {
    packages.add(found);
  }

  @Override
  public void found(OsFinding found) {
    osFindings.add(found);
  }

  @Override
  public void note(Note note) {
    notes.add(note);
  }

  void forget(String file) {
    packages.removeIf(found -> fileOf(found.path()).equals(file));
    osFindings.removeIf(found -> fileOf(found.path()).equals(file));
    notes.removeIf(note -> fileOf(note.path()).equals(file));
  }

  AnalysisResult result() {
    return new AnalysisResult(packages, osFindings, notes);
  }
}
