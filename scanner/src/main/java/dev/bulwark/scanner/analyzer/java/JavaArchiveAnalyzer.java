package dev.bulwark.scanner.analyzer.java;

import dev.bulwark.scanner.analyzer.AnalysisSink;
import dev.bulwark.scanner.analyzer.AnalyzedFile;
import dev.bulwark.scanner.analyzer.Analyzer;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Maven artifacts in Java archives ({@code .jar}, {@code .war}, {@code .ear}): every {@code
 * META-INF/maven/<group>/<artifact>/pom.properties} (a shaded jar has several), or, when an archive
 * has none, coordinates derived from its {@code META-INF/MANIFEST.MF}. Archives inside archives
 * (Spring Boot's {@code BOOT-INF/lib}, a war's {@code WEB-INF/lib}, an ear's modules) are read
 * recursively, streaming, up to {@value JavaArchiveReader#MAXIMUM_DEPTH} levels deep; inflated
 * bytes and entries are capped per file so that a zip bomb ends in a note, not a hang.
 */
public final class JavaArchiveAnalyzer implements Analyzer {
  @Override
  public String name() {
    return "java-archive";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public boolean wants(String path, long size) {
    return isArchive(path);
  }

  @Override
  public void analyze(AnalyzedFile file, AnalysisSink sink) throws IOException {
    try (InputStream in = file.open()) {
      new JavaArchiveReader(name(), sink, JavaArchiveReader.MAXIMUM_INFLATED_BYTES)
          .read(in, file.path());
    }
  }

  static boolean isArchive(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    return lower.endsWith(".jar") || lower.endsWith(".war") || lower.endsWith(".ear");
  }
}
