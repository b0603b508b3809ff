package dev.bulwark.scanner.analyzer.npm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.scanner.analyzer.AnalysisSink;
import dev.bulwark.scanner.analyzer.AnalyzedFile;
import dev.bulwark.scanner.analyzer.Analyzer;
import dev.bulwark.scanner.analyzer.Ecosystem;
import dev.bulwark.scanner.analyzer.Json;
import dev.bulwark.scanner.analyzer.MalformedContentException;
import dev.bulwark.scanner.analyzer.Package;
import dev.bulwark.scanner.analyzer.PackageUrl;
import java.io.IOException;
import java.util.Locale;

/**
 * Installed npm packages: the {@code package.json} at the top of each package folder under a {@code
 * node_modules} folder ({@code node_modules/<name>/} or {@code node_modules/@scope/<name>/}, at any
 * depth of nesting). Other package.json files (an application's own root, files inside a package's
 * subfolders) are not installed packages and are not read; packages marked {@code private}
 * (workspace members linked into node_modules) are skipped.
 */
public final class NpmAnalyzer implements Analyzer {
  private static final String MODULES = "node_modules/";
  private static final int MAXIMUM_BYTES = 4 << 20;

  @Override
  public String name() {
    return "npm";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public boolean wants(String path, long size) {
    if (!path.endsWith("/package.json")) {
      return false;
    }
    int modules = path.lastIndexOf(MODULES);
    int start = modules + MODULES.length();
    int end = path.length() - "/package.json".length();
    if (modules < 0 || (modules > 0 && path.charAt(modules - 1) != '/') || start >= end) {
      return false;
    }
    String inside = path.substring(start, end);
    int slash = inside.indexOf('/');
    return inside.startsWith("@")
        ? slash > 1 && inside.indexOf('/', slash + 1) < 0 && slash < inside.length() - 1
        : slash < 0 && !inside.isEmpty();
  }

  @Override
  public void analyze(AnalyzedFile file, AnalysisSink sink) throws IOException {
    JsonNode manifest = Json.parse(file, MAXIMUM_BYTES);
    if (!manifest.isObject()) {
      throw new MalformedContentException("not a JSON object; skipped");
    }
    if (manifest.path("private").asBoolean(false)) {
      return;
    }
    String name = Json.text(manifest, "name");
    String version = Json.text(manifest, "version");
    if (name.isEmpty() || version.isEmpty()) {
      throw new MalformedContentException("no name or no version; skipped");
    }
    sink.found(Package.library(name, version, Ecosystem.NPM, purl(name, version), file.path()));
  }

  static PackageUrl purl(String name, String version) {
    String lower = name.toLowerCase(Locale.ROOT);
    int slash = lower.indexOf('/');
    return lower.startsWith("@") && slash > 0
        ? PackageUrl.of("npm", lower.substring(0, slash), lower.substring(slash + 1), version)
        : PackageUrl.of("npm", null, lower, version);
  }
}
