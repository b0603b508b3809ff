package dev.bulwark.scanner.analyzer.apk;

import dev.bulwark.scanner.analyzer.AnalysisSink;
import dev.bulwark.scanner.analyzer.AnalyzedFile;
import dev.bulwark.scanner.analyzer.Analyzer;
import dev.bulwark.scanner.analyzer.Content;
import dev.bulwark.scanner.analyzer.Ecosystem;
import dev.bulwark.scanner.analyzer.Note;
import dev.bulwark.scanner.analyzer.Package;
import dev.bulwark.scanner.analyzer.PackageUrl;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Installed Alpine packages from apk's database, {@code lib/apk/db/installed}: blocks of {@code
 * X:value} lines separated by blank lines, of which {@code P} (name), {@code V} (version), {@code
 * A} (architecture) and {@code o} (origin, the source package) are read.
 */
public final class ApkAnalyzer implements Analyzer {
  static final String INSTALLED = "lib/apk/db/installed";
  private static final int MAXIMUM_BYTES = 64 << 20;

  @Override
  public String name() {
    return "apk";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public boolean wants(String path, long size) {
    return path.equals(INSTALLED);
  }

  @Override
  public void analyze(AnalyzedFile file, AnalysisSink sink) throws IOException {
    Map<Character, String> fields = new HashMap<>();
    int start = 1;
    int number = 0;
    for (String line : Content.text(file, MAXIMUM_BYTES).split("\n", -1)) {
      number++;
      if (line.isBlank()) {
        report(fields, file.path(), start, sink);
        fields.clear();
        start = number + 1;
      } else if (line.length() >= 2 && line.charAt(1) == ':') {
        fields.putIfAbsent(line.charAt(0), line.substring(2).strip());
      }
    }
    report(fields, file.path(), start, sink);
  }

  private void report(Map<Character, String> fields, String path, int line, AnalysisSink sink) {
    if (fields.isEmpty()) {
      return;
    }
    String name = fields.get('P');
    String version = fields.get('V');
    if (name == null || name.isEmpty() || version == null || version.isEmpty()) {
      String missing = name == null || name.isEmpty() ? "P (name)" : "V (version)";
      sink.note(new Note(name(), path + ":" + line, "no " + missing + " line; skipped"));
      return;
    }
    String architecture = fields.get('A');
    String origin = fields.getOrDefault('o', name);
    PackageUrl purl =
        new PackageUrl(
            "apk",
            "alpine",
            name,
            version,
            architecture == null ? Map.of() : Map.of("arch", architecture));
    sink.found(
        new Package(name, version, Ecosystem.ALPINE, purl, origin, version, architecture, path));
  }
}
