package dev.bulwark.scanner.analyzer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A file for analyzer tests, held in memory; materialised into a temporary file on demand. */
public record InMemoryFile(String path, byte[] content) implements AnalyzedFile {
  public static InMemoryFile text(String path, String content) {
    return new InMemoryFile(path, content.getBytes(StandardCharsets.UTF_8));
  }

  public static InMemoryFile of(Path path, String relative) {
    try {
      return new InMemoryFile(relative, Files.readAllBytes(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs the analyzer on this file as the scanner would: only when it wants it. */
  public AnalysisResult analyzeWith(Analyzer analyzer) {
    AnalysisResult.Collector collector = new AnalysisResult.Collector();
    if (analyzer.wants(path, size())) {
      Analysis.run(analyzer, this, collector);
    }
    return collector.result();
  }

  @Override
  public long size() {
    return content.length;
  }

  @Override
  public InputStream open() {
    return new ByteArrayInputStream(content);
  }

  @Override
  public Path materialise() throws IOException {
    Path file = Files.createTempFile("bulwark-analyzer-test", ".bin");
    file.toFile().deleteOnExit();
    Files.write(file, content);
    return file;
  }
}
