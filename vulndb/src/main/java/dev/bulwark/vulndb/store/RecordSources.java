package dev.bulwark.vulndb.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads the OSV documents of a path: every {@code *.json} below a directory, or every {@code
 * *.json} entry of a zip file (osv.dev's {@code all.zip}), within {@link ArchiveLimits}.
 */
final class RecordSources {
  private final ArchiveLimits limits;

  RecordSources(ArchiveLimits limits) {
    this.limits = limits;
  }

  void read(Path path, DocumentSink sink) throws StoreException {
    if (Files.isDirectory(path)) {
      readDirectory(path, sink);
    } else if (Files.isRegularFile(path)) {
      readZip(path, sink);
    } else {
      throw new StoreException(path + ": no such file or directory");
    }
  }

  private void readDirectory(Path directory, DocumentSink sink) throws StoreException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(directory)) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(
                  file -> file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json"))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new StoreException("cannot list " + directory + ": " + e.getMessage(), e);
    }
    if (files.size() > limits.maxDocuments()) {
      throw new StoreException(directory + ": more than " + limits.maxDocuments() + " files");
    }
    for (Path file : files) {
      try {
        if (Files.size(file) > limits.maxDocumentBytes()) {
          throw new StoreException(
              file + ": larger than " + limits.maxDocumentBytes() + " bytes; not an OSV record");
        }
        sink.accept(file.toString(), Files.readAllBytes(file));
      } catch (IOException e) {
        throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
      }
    }
  }

  private void readZip(Path zip, DocumentSink sink) throws StoreException {
    long total = 0;
    long documents = 0;
    try (InputStream file = Files.newInputStream(zip);
        ZipInputStream entries = new ZipInputStream(file)) {
      ZipEntry entry = entries.getNextEntry();
      if (entry == null) {
        throw new StoreException(zip + ": not a zip file, or an empty one");
      }
      for (; entry != null; entry = entries.getNextEntry()) {
        String name = entry.getName();
        checkName(zip, name);
        if (entry.isDirectory() || !name.toLowerCase(Locale.ROOT).endsWith(".json")) {
          continue;
        }
        if (++documents > limits.maxDocuments()) {
          throw new StoreException(zip + ": more than " + limits.maxDocuments() + " entries");
        }
        byte[] content = readBounded(zip, name, entries);
        total += content.length;
        if (total > limits.maxTotalBytes()) {
          throw new StoreException(
              zip + ": inflates to more than " + limits.maxTotalBytes() + " bytes; refused");
        }
        sink.accept(zip.getFileName() + "!" + name, content);
      }
    } catch (IOException e) {
      throw new StoreException(zip + ": not a readable zip file: " + e.getMessage(), e);
    }
  }

  /**
   * Entry names are never used as paths here, but a name that climbs out of the archive marks an
   * archive built to attack extractors: it is refused rather than trusted for anything else.
   */
  private static void checkName(Path zip, String name) throws StoreException {
    String normalised = name.replace('\\', '/');
    boolean climbs =
        normalised.startsWith("/")
            || normalised.matches("^[A-Za-z]:.*")
            || List.of(normalised.split("/")).contains("..");
    if (climbs) {
      throw new StoreException(
          zip + ": entry \"" + name + "\" points outside the archive; the archive is refused");
    }
  }

  /** Reads one entry, counting real bytes: the sizes an entry header claims may lie. */
  private byte[] readBounded(Path zip, String name, InputStream in)
      throws IOException, StoreException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 * 1024];
    long size = 0;
    for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
      size += read;
      if (size > limits.maxDocumentBytes()) {
        throw new StoreException(
            zip
                + "!"
                + name
                + ": inflates to more than "
                + limits.maxDocumentBytes()
                + " bytes (a zip bomb or not an OSV dump); the archive is refused");
      }
      out.write(buffer, 0, read);
    }
    return out.toByteArray();
  }
}
