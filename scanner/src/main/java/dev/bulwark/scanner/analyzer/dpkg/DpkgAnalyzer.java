package dev.bulwark.scanner.analyzer.dpkg;

import dev.bulwark.scanner.analyzer.AnalysisSink;
import dev.bulwark.scanner.analyzer.AnalyzedFile;
import dev.bulwark.scanner.analyzer.Analyzer;
import dev.bulwark.scanner.analyzer.Content;
import dev.bulwark.scanner.analyzer.Ecosystem;
import dev.bulwark.scanner.analyzer.Note;
import dev.bulwark.scanner.analyzer.Package;
import dev.bulwark.scanner.analyzer.PackageUrl;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Installed Debian packages from dpkg's database: {@code var/lib/dpkg/status}, and the one-stanza
 * files distroless images keep in {@code var/lib/dpkg/status.d/}. A package counts as installed
 * when its Status field's last word is {@code installed} (dpkg's "install ok installed", or "hold
 * ok installed"); status.d files without a Status field count as installed.
 */
public final class DpkgAnalyzer implements Analyzer {
  static final String STATUS = "var/lib/dpkg/status";
  static final String STATUS_DIRECTORY = "var/lib/dpkg/status.d/";
  private static final int MAXIMUM_BYTES = 64 << 20;
  private static final Pattern SOURCE = Pattern.compile("(\\S+)(?:\\s+\\(([^()\\s]+)\\))?");

  @Override
  public String name() {
    return "dpkg";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public boolean wants(String path, long size) {
    if (path.equals(STATUS)) {
      return true;
    }
    if (!path.startsWith(STATUS_DIRECTORY)) {
      return false;
    }
    String file = path.substring(STATUS_DIRECTORY.length());
    // Distroless keeps <package>.md5sums beside each <package> stanza file.
    return !file.isEmpty() && file.indexOf('/') < 0 && !file.endsWith(".md5sums");
  }

  @Override
  public void analyze(AnalyzedFile file, AnalysisSink sink) throws IOException {
    boolean statusDirectory = file.path().startsWith(STATUS_DIRECTORY);
    for (ControlStanzas.Stanza stanza : ControlStanzas.parse(Content.text(file, MAXIMUM_BYTES))) {
      String name = stanza.field("Package");
      String version = stanza.field("Version");
      if (name == null || name.isEmpty() || version == null || version.isEmpty()) {
        String missing = name == null || name.isEmpty() ? "Package" : "Version";
        sink.note(
            new Note(
                name(), file.path() + ":" + stanza.line(), "no " + missing + " field; skipped"));
        continue;
      }
      String status = stanza.field("Status");
      if (status == null ? statusDirectory : installed(status)) {
        sink.found(found(stanza, name, version, file.path()));
      }
    }
  }

  private static boolean installed(String status) {
    String[] words = status.trim().split("\\s+");
    return words.length == 3 && words[2].equals("installed");
  }

  private static Package found(
      ControlStanzas.Stanza stanza, String name, String version, String path) {
    String architecture = stanza.field("Architecture");
    String sourceName = name;
    String sourceVersion = version;
    String source = stanza.field("Source");
    if (source != null) {
      Matcher matcher = SOURCE.matcher(source.trim());
      if (matcher.matches()) {
        sourceName = matcher.group(1);
        if (matcher.group(2) != null) {
          sourceVersion = matcher.group(2);
        }
      }
    }
    PackageUrl purl =
        new PackageUrl(
            "deb",
            "debian",
            name,
            version,
            architecture == null ? Map.of() : Map.of("arch", architecture));
    if (!sourceName.equals(name)) {
      purl = purl.withQualifier("upstream", sourceName);
    }
    return new Package(
        name, version, Ecosystem.DEBIAN, purl, sourceName, sourceVersion, architecture, path);
  }
}
