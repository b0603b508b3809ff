package dev.bulwark.scanner.scan;

import dev.bulwark.scanner.image.TestArchives;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Builds OCI layouts of small images with package databases for scan tests. */
final class TestImages {
  private TestImages() {}

  static final String OS_RELEASE =
      """
      PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
      ID=debian
      VERSION_ID="12"
      VERSION_CODENAME=bookworm
      """;

  /** A gzip layer tar built entry by entry. */
  static final class LayerBuilder {
    private final List<TarArchiveEntry> headers = new ArrayList<>();
    private final List<byte[]> contents = new ArrayList<>();

    LayerBuilder file(String name, String content) {
      return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    LayerBuilder file(String name, byte[] content) {
      TarArchiveEntry header = new TarArchiveEntry(name);
      header.setSize(content.length);
      header.setMode(0100644);
      headers.add(header);
      contents.add(content);
      return this;
    }

    LayerBuilder symlink(String name, String target) {
      TarArchiveEntry header = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
      header.setLinkName(target);
      headers.add(header);
      contents.add(new byte[0]);
      return this;
    }

    byte[] gzip() {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (OutputStream gzip = new GZIPOutputStream(bytes);
          TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        for (int i = 0; i < headers.size(); i++) {
          tar.putArchiveEntry(headers.get(i));
          tar.write(contents.get(i));
          tar.closeArchiveEntry();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return bytes.toByteArray();
    }
  }

  static LayerBuilder layer() {
    return new LayerBuilder();
  }

  /** A dpkg status file listing installed packages given as {@code name=version}. */
  static String dpkgStatus(String... packages) {
    StringBuilder status = new StringBuilder();
    for (String nameVersion : packages) {
      String[] parts = nameVersion.split("=", 2);
      status
          .append("Package: ")
          .append(parts[0])
          .append("\nStatus: install ok installed\nArchitecture: amd64\nVersion: ")
          .append(parts[1])
          .append("\n\n");
    }
    return status.toString();
  }

  /** A jar holding one pom.properties. */
  static byte[] jar(String group, String artifact, String version) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(
          new ZipEntry("META-INF/maven/" + group + "/" + artifact + "/pom.properties"));
      zip.write(
          ("groupId=" + group + "\nartifactId=" + artifact + "\nversion=" + version + "\n")
              .getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Writes an OCI layout holding one image of the layers; returns its {@code oci:} reference. */
  static String layout(Path directory, List<byte[]> gzipLayers) {
    try {
      String manifest = TestArchives.image(directory, "amd64", gzipLayers);
      TestArchives.index(directory, List.of(manifest));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "oci:" + directory;
  }
}
