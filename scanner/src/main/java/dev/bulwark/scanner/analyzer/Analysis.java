package dev.bulwark.scanner.analyzer;

import java.io.IOException;
import java.util.List;

/** Runs analyzers over files so that no failure of one file escapes as an exception. */
public final class Analysis {
  private Analysis() {}

  /**
   * Runs every analyzer that wants the file. A file that cannot be read, malformed content and even
   * an analyzer's own bug become notes, so one hostile file never stops the analysis of the rest.
   */
  public static void run(List<Analyzer> analyzers, AnalyzedFile file, AnalysisSink sink) {
    for (Analyzer analyzer : analyzers) {
      if (analyzer.wants(file.path(), file.size())) {
        run(analyzer, file, sink);
      }
    }
  }

  /** Runs one analyzer on the file, whether it wants it or not; failures become notes. */
  public static void run(Analyzer analyzer, AnalyzedFile file, AnalysisSink sink) {
    try {
      analyzer.analyze(file, sink);
    } catch (MalformedContentException e) {
      sink.note(new Note(analyzer.name(), file.path(), e.reason()));
    } catch (IOException e) {
      sink.note(new Note(analyzer.name(), file.path(), "could not be read: " + e));
    } catch (RuntimeException e) {
      // Parsers are written not to throw on bad input; this keeps a parser bug from ending a scan.
      sink.note(new Note(analyzer.name(), file.path(), "analyzer failed: " + e));
    }
  }
}
