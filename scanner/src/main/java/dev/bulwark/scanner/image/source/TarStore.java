package dev.bulwark.scanner.image.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.apache.commons.compress.utils.BoundedInputStream;

/**
 * Files of an uncompressed tar archive (OCI archive, docker save), read in place: the headers are
 * indexed once, then each open reads the entry's byte range through a fresh channel, so nothing is
 * extracted, no file handle is held between reads and concurrent opens are safe.
 */
final class TarStore implements BlobStore {
  private final Path archive;
  private final Map<String, Span> entries = new HashMap<>();

  private record Span(long offset, long size) {}

  TarStore(Path archive) throws IOException {
    this.archive = archive;
    try (TarFile tar = new TarFile(archive.toFile())) {
      for (TarArchiveEntry entry : tar.getEntries()) {
        if (entry.isFile() && !entry.isSparse()) {
          entries.put(
              entry.getName().replaceFirst("^(\\./)+", ""),
              new Span(entry.getDataOffset(), entry.getSize()));
        }
      }
    }
  }

  @Override
  public boolean exists(String name) {
    return entries.containsKey(name);
  }

  @Override
  public InputStream open(String name) throws IOException {
    Span span = span(name);
    SeekableByteChannel channel = Files.newByteChannel(archive);
    channel.position(span.offset());
    return new BoundedInputStream(Channels.newInputStream(channel), span.size());
  }

  @Override
  public long size(String name) throws IOException {
    return span(name).size();
  }

  @Override
  public String describe() {
    return archive.toString();
  }

  @Override
  public void close() {}

  private Span span(String name) throws NoSuchFileException {
    Span span = entries.get(name);
    if (span == null) {
      throw new NoSuchFileException(archive + "!" + name);
    }
    return span;
  }
}
