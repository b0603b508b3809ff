package dev.bulwark.scanner.analyzer.python;

import dev.bulwark.scanner.analyzer.AnalysisSink;
import dev.bulwark.scanner.analyzer.AnalyzedFile;
import dev.bulwark.scanner.analyzer.Analyzer;
import dev.bulwark.scanner.analyzer.Content;
import dev.bulwark.scanner.analyzer.Ecosystem;
import dev.bulwark.scanner.analyzer.MalformedContentException;
import dev.bulwark.scanner.analyzer.Package;
import dev.bulwark.scanner.analyzer.PackageUrl;
import java.io.IOException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Installed Python distributions from their core metadata: {@code *.dist-info/METADATA} (wheels,
 * pip), {@code *.egg-info/PKG-INFO} and single-file {@code *.egg-info} (setuptools, distutils). The
 * {@code Name} and {@code Version} headers are read up to the first blank line; the Package URL
 * carries the PEP 503 normalised name.
 */
public final class PythonAnalyzer implements Analyzer {
  private static final int MAXIMUM_BYTES = 1 << 20;

  @Override
  public String name() {
    return "python";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public boolean wants(String path, long size) {
    return path.endsWith(".dist-info/METADATA")
        || path.endsWith(".egg-info/PKG-INFO")
        || path.endsWith(".egg-info");
  }

  @Override
  public void analyze(AnalyzedFile file, AnalysisSink sink) throws IOException {
    String name = null;
    String version = null;
    for (String line : Content.text(file, MAXIMUM_BYTES).split("\n")) {
      String header = line.stripTrailing();
      if (header.isEmpty()) {
        break;
      }
      name = name == null ? value(header, "name") : name;
      version = version == null ? value(header, "version") : version;
    }
    if (name == null || version == null) {
      throw new MalformedContentException("no Name or no Version header; skipped");
    }
    sink.found(
        Package.library(
            name,
            version,
            Ecosystem.PYPI,
            PackageUrl.of("pypi", null, normalised(name), version),
            file.path()));
  }

  /**
   * PEP 503: runs of {@code -}, {@code _} and {@code .} become one {@code -}, lower case. Two names
   * with the same normalised form name the same distribution.
   */
  public static String normalised(String name) {
    return name.replaceAll("[-_.]+", "-").toLowerCase(Locale.ROOT);
  }

  private static @Nullable String value(String header, String field) {
    int colon = header.indexOf(':');
    if (colon <= 0 || !header.substring(0, colon).strip().equalsIgnoreCase(field)) {
      return null;
    }
    String value = header.substring(colon + 1).strip();
    return value.isEmpty() ? null : value;
  }
}
