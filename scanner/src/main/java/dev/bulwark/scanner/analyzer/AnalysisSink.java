package dev.bulwark.scanner.analyzer;

/** Receives what analyzers find. Implementations say whether they are thread-safe. */
public interface AnalysisSink {
  void found(Package found);

  void found(OsFinding found);

  /** A file, or part of one, was skipped; the note says why. */
  void note(Note note);
}
