package dev.bulwark.scanner.analyzer.java;

import dev.bulwark.scanner.analyzer.AnalysisSink;
import dev.bulwark.scanner.analyzer.Content;
import dev.bulwark.scanner.analyzer.Ecosystem;
import dev.bulwark.scanner.analyzer.MalformedContentException;
import dev.bulwark.scanner.analyzer.Note;
import dev.bulwark.scanner.analyzer.Package;
import dev.bulwark.scanner.analyzer.PackageUrl;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Properties;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Reads one top-level archive and the archives nested in it. Not thread-safe: one instance per
 * file, holding the budgets that bound the whole tree.
 */
final class JavaArchiveReader {
  static final int MAXIMUM_DEPTH = 3;
  static final long MAXIMUM_INFLATED_BYTES = 2L << 30;
  private static final int MAXIMUM_ENTRIES = 500_000;
  private static final int MAXIMUM_METADATA_BYTES = 64 << 10;
  private static final Pattern POM_PROPERTIES =
      Pattern.compile("META-INF/maven/[^/]+/[^/]+/pom\\.properties");

  private final String analyzer;
  private final AnalysisSink sink;
  private final long maximumInflated;
  private final byte[] buffer = new byte[64 << 10];
  private long inflated;
  private int entries;

  /**
   * @param maximumInflated how many bytes the file and its nested archives may inflate to in all
   */
  JavaArchiveReader(String analyzer, AnalysisSink sink, long maximumInflated) {
    this.analyzer = analyzer;
    this.sink = sink;
    this.maximumInflated = maximumInflated;
  }

  /** Reads the archive in the stream (not closed), reporting packages and notes. */
  void read(InputStream in, String path) throws IOException {
    try {
      read(in, path, 0);
    } catch (ZipException e) {
      throw new MalformedContentException("not a readable zip archive: " + e.getMessage());
    }
  }

  private void read(InputStream in, String path, int depth) throws IOException {
    Set<Coordinates> fromPoms = new LinkedHashSet<>();
    Manifest manifest = null;
    ZipInputStream zip = new ZipInputStream(new KeepOpen(in));
    for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
      if (++entries > MAXIMUM_ENTRIES) {
        throw new MalformedContentException(
            "more than " + MAXIMUM_ENTRIES + " archive entries; rest skipped");
      }
      String name = entry.getName();
      if (entry.isDirectory()) {
        continue;
      }
      if (POM_PROPERTIES.matcher(name).matches()) {
        Coordinates coordinates = pomProperties(metadata(zip));
        if (coordinates == null) {
          note(path + "!/" + name, "no groupId, artifactId or version; skipped");
        } else {
          fromPoms.add(coordinates);
        }
      } else if (name.equalsIgnoreCase("META-INF/MANIFEST.MF")) {
        manifest = manifest(metadata(zip), path);
      } else if (JavaArchiveAnalyzer.isArchive(name)) {
        nested(zip, path + "!/" + name, depth);
      } else {
        drain(zip);
      }
    }
    report(fromPoms, manifest, path);
  }

  private void nested(ZipInputStream zip, String path, int depth) throws IOException {
    if (depth + 1 > MAXIMUM_DEPTH) {
      note(path, "nested deeper than " + MAXIMUM_DEPTH + " archives; skipped");
      drain(zip);
      return;
    }
    try {
      read(new Counting(zip), path, depth + 1);
    } catch (ZipException e) {
      note(path, "not a readable zip archive: " + e.getMessage());
    }
    drain(zip);
  }

  private void report(Set<Coordinates> fromPoms, @Nullable Manifest manifest, String path) {
    Set<Coordinates> found = fromPoms;
    if (found.isEmpty() && manifest != null) {
      Coordinates derived = fromManifest(manifest.getMainAttributes(), path);
      if (derived != null) {
        found = Set.of(derived);
      }
    }
    if (found.isEmpty()) {
      note(path, "no pom.properties and no Maven coordinates in the manifest; not reported");
    }
    for (Coordinates coordinates : found) {
      sink.found(
          Package.library(
              coordinates.groupId() + ":" + coordinates.artifactId(),
              coordinates.version(),
              Ecosystem.MAVEN,
              PackageUrl.of(
                  "maven", coordinates.groupId(), coordinates.artifactId(), coordinates.version()),
              path));
    }
  }

  private static @Nullable Coordinates pomProperties(byte[] bytes) throws IOException {
    Properties properties = new Properties();
    try {
      properties.load(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
    } catch (IllegalArgumentException e) {
      return null;
    }
    return Coordinates.of(
        properties.getProperty("groupId"),
        properties.getProperty("artifactId"),
        properties.getProperty("version"));
  }

  private @Nullable Manifest manifest(byte[] bytes, String path) {
    try {
      return new Manifest(new ByteArrayInputStream(bytes));
    } catch (IOException | RuntimeException e) {
      note(path + "!/META-INF/MANIFEST.MF", "not a readable manifest: " + e.getMessage());
      return null;
    }
  }

  /**
   * Coordinates from a manifest: the version from Implementation-Version or Bundle-Version, the
   * group from Implementation-Vendor-Id or the OSGi symbolic name, the artifact from the file name
   * (less its version) or the symbolic name's last segment.
   */
  static @Nullable Coordinates fromManifest(Attributes attributes, String path) {
    String version = first(attributes, "Implementation-Version", "Bundle-Version");
    if (version == null) {
      return null;
    }
    String symbolicName = attributes.getValue("Bundle-SymbolicName");
    if (symbolicName != null) {
      symbolicName = symbolicName.split(";", 2)[0].strip();
    }
    String fileName = Content.fileName(path);
    String base = fileName.substring(0, Math.max(0, fileName.lastIndexOf('.')));
    String artifact =
        base.endsWith("-" + version) ? base.substring(0, base.length() - version.length() - 1) : "";
    String group = attributes.getValue("Implementation-Vendor-Id");
    if (symbolicName != null && symbolicName.contains(".")) {
      int dot = symbolicName.lastIndexOf('.');
      if (artifact.isEmpty()) {
        artifact = symbolicName.substring(dot + 1);
      }
      if (group == null) {
        group =
            symbolicName.endsWith("." + artifact)
                ? symbolicName.substring(0, symbolicName.length() - artifact.length() - 1)
                : symbolicName.substring(0, dot);
      }
    }
    return Coordinates.of(group, artifact, version);
  }

  private static @Nullable String first(Attributes attributes, String... names) {
    for (String name : names) {
      String value = attributes.getValue(name);
      if (value != null && !value.isBlank()) {
        return value.strip();
      }
    }
    return null;
  }

  private byte[] metadata(ZipInputStream zip) throws IOException {
    byte[] bytes = zip.readNBytes(MAXIMUM_METADATA_BYTES);
    count(bytes.length);
    drain(zip);
    return bytes;
  }

  /** Reads the rest of the entry, counting it against the budget. */
  private void drain(InputStream in) throws IOException {
    for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
      count(read);
    }
  }

  private void count(int read) throws MalformedContentException {
    inflated += read;
    if (inflated > maximumInflated) {
      throw new MalformedContentException(
          "inflates to more than " + maximumInflated + " bytes; rest skipped");
    }
  }

  private void note(String path, String reason) {
    sink.note(new Note(analyzer, path, reason));
  }

  /** group, artifact and version, all non-blank. */
  record Coordinates(String groupId, String artifactId, String version) {
    static @Nullable Coordinates of(
        @Nullable String groupId, @Nullable String artifactId, @Nullable String version) {
      if (groupId == null || artifactId == null || version == null) {
        return null;
      }
      if (groupId.isBlank() || artifactId.isBlank() || version.isBlank()) {
        return null;
      }
      return new Coordinates(groupId.strip(), artifactId.strip(), version.strip());
    }
  }

  /** Stops a nested reader from closing the outer entry's stream. */
  private static final class KeepOpen extends FilterInputStream {
    KeepOpen(InputStream in) {
      super(in);
    }

    @Override
    public void close() {}
  }

  /** Counts a nested archive's bytes against the budget as the outer archive inflates them. */
  private final class Counting extends FilterInputStream {
    Counting(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int read = super.read();
      count(read < 0 ? 0 : 1);
      return read;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
      int read = super.read(bytes, offset, length);
      count(Math.max(read, 0));
      return read;
    }
  }
}
