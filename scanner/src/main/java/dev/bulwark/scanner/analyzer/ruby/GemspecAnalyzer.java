package dev.bulwark.scanner.analyzer.ruby;

import dev.bulwark.scanner.analyzer.AnalysisSink;
import dev.bulwark.scanner.analyzer.AnalyzedFile;
import dev.bulwark.scanner.analyzer.Analyzer;
import dev.bulwark.scanner.analyzer.Content;
import dev.bulwark.scanner.analyzer.Ecosystem;
import dev.bulwark.scanner.analyzer.MalformedContentException;
import dev.bulwark.scanner.analyzer.Package;
import dev.bulwark.scanner.analyzer.PackageUrl;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Installed gems from the specifications RubyGems writes when it installs a gem ({@code
 * .../specifications/<name>-<version>.gemspec}). The files are Ruby code and are not run: the
 * {@code s.name = "..."} and {@code s.version = "..."} assignments are read as text, with the
 * {@code # stub: name version} comment as fallback.
 */
public final class GemspecAnalyzer implements Analyzer {
  private static final int MAXIMUM_BYTES = 1 << 20;
  private static final Pattern NAME =
      Pattern.compile("(?m)^[ \\t]*\\w+\\.name[ \\t]*=[ \\t]*[\"']([^\"'\\s]+)[\"']");
  private static final Pattern VERSION =
      Pattern.compile("(?m)^[ \\t]*\\w+\\.version[ \\t]*=[ \\t]*[\"']([^\"'\\s]+)[\"']");
  private static final Pattern STUB = Pattern.compile("(?m)^# stub: (\\S+) (\\S+)");

  @Override
  public String name() {
    return "gemspec";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public boolean wants(String path, long size) {
    if (!path.endsWith(".gemspec")) {
      return false;
    }
    int slash = path.lastIndexOf('/');
    return slash >= 0 && path.substring(0, slash + 1).endsWith("specifications/");
  }

  @Override
  public void analyze(AnalyzedFile file, AnalysisSink sink) throws IOException {
    String text = Content.text(file, MAXIMUM_BYTES);
    Matcher name = NAME.matcher(text);
    Matcher version = VERSION.matcher(text);
    String found;
    String foundVersion;
    if (name.find() && version.find()) {
      found = name.group(1);
      foundVersion = version.group(1);
    } else {
      Matcher stub = STUB.matcher(text);
      if (!stub.find()) {
        throw new MalformedContentException("no literal name and version assignment; skipped");
      }
      found = stub.group(1);
      foundVersion = stub.group(2);
    }
    sink.found(
        Package.library(
            found,
            foundVersion,
            Ecosystem.RUBYGEMS,
            PackageUrl.of("gem", null, found, foundVersion),
            file.path()));
  }
}
