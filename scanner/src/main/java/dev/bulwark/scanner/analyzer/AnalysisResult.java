package dev.bulwark.scanner.analyzer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything the analyzers found in one filesystem. Immutable.
 *
 * @param packages the packages, in the order found, as the analyzers reported them (not yet
 *     attributed to the distribution: see {@link #attributedPackages()})
 * @param osFindings what files said about the operating system
 * @param notes what was skipped and why
 */
public record AnalysisResult(List<Package> packages, List<OsFinding> osFindings, List<Note> notes) {
  public AnalysisResult {
    packages = List.copyOf(packages);
    osFindings = List.copyOf(osFindings);
    notes = List.copyOf(notes);
  }

  /** The operating system, when any file described it. */
  public Optional<OsRelease> os() {
    return OsFindings.resolve(osFindings);
  }

  /** The packages, operating system packages attributed to {@link #os()} when it is known. */
  public List<Package> attributedPackages() {
    Optional<OsRelease> os = os();
    if (os.isEmpty()) {
      return packages;
    }
    return packages.stream().map(found -> OsPackages.attribute(found, os.get())).toList();
  }

  /** A sink that collects into a result. Thread-safe. */
  public static final class Collector implements AnalysisSink {
    private final List<Package> packages = new ArrayList<>();
    private final List<OsFinding> osFindings = new ArrayList<>();
    private final List<Note> notes = new ArrayList<>();

    @Override
    public synchronized void found(Package found) {
      packages.add(found);
    }

    @Override
    public synchronized void found(OsFinding found) {
      osFindings.add(found);
    }

    @Override
    public synchronized void note(Note note) {
      notes.add(note);
    }

    /** What was collected so far. */
    public synchronized AnalysisResult result() {
      return new AnalysisResult(packages, osFindings, notes);
    }
  }
}
