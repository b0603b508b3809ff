package dev.bulwark.scanner.analyzer;

import java.io.IOException;

/**
 * Finds packages or operating system facts in single files. Implementations are stateless and
 * thread-safe: one instance serves every file of every layer, possibly concurrently.
 */
public interface Analyzer {
  /** A unique lower-case kebab-case name, used in notes and cache keys. */
  String name();

  /**
   * Changes whenever the analyzer's output for the same input may change, so that results cached
   * per layer under an older version are not reused.
   */
  int version();

  /**
   * Whether {@link #analyze} should see this file. Called for every file of every layer, so it must
   * decide from the path and size alone, without reading.
   *
   * @param path the normalised path (see {@link AnalyzedFile#path()})
   * @param size the declared size in bytes
   */
  boolean wants(String path, long size);

  /**
   * Reports what the file contains to the sink. Content that cannot be understood is reported as a
   * {@link Note} (or signalled with {@link MalformedContentException}); runtime exceptions never
   * escape on bad input, and every read is bounded.
   *
   * @throws IOException when the file cannot be read, or its content is malformed
   */
  void analyze(AnalyzedFile file, AnalysisSink sink) throws IOException;
}
