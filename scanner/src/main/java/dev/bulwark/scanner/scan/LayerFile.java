package dev.bulwark.scanner.scan;

import dev.bulwark.scanner.analyzer.AnalyzedFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A file of a layer handed to analyzers. A tar entry can be read once, while analyzers may read a
 * file several times, so the content is kept: in memory up to {@link #IN_MEMORY_BYTES}, in a file
 * of the scan's private temporary folder above. Not thread-safe; {@link #close()} deletes the
 * temporary file.
 */
final class LayerFile implements AnalyzedFile, AutoCloseable {
  /** Larger files go to disk, so that memory stays bounded whatever the layer holds. */
  static final int IN_MEMORY_BYTES = 16 << 20;

  private final String path;
  private final long size;
  private final Supplier<Path> temporaryFolder;
  private byte @Nullable [] bytes;
  private @Nullable Path file;

  private LayerFile(String path, long size, Supplier<Path> temporaryFolder) {
    this.path = path;
    this.size = size;
    this.temporaryFolder = temporaryFolder;
  }

  /**
   * Keeps the content of one entry.
   *
   * @param temporaryFolder the scan's private folder, created on first use
   * @throws IOException when the content cannot be read (or exceeds the reader's file limit)
   */
  static LayerFile read(String path, long size, InputStream content, Supplier<Path> temporaryFolder)
      throws IOException {
    LayerFile kept = new LayerFile(path, size, temporaryFolder);
    if (size <= IN_MEMORY_BYTES) {
      kept.bytes = content.readNBytes(IN_MEMORY_BYTES + 1);
      if (kept.bytes.length <= IN_MEMORY_BYTES) {
        return kept;
      }
      // The header understated the size: keep going on disk.
      kept.file = kept.write(new ByteArrayInputStream(kept.bytes), content);
      kept.bytes = null;
      return kept;
    }
    kept.file = kept.write(InputStream.nullInputStream(), content);
    return kept;
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public InputStream open() throws IOException {
    byte[] kept = bytes;
    if (kept != null) {
      return new ByteArrayInputStream(kept);
    }
    return Files.newInputStream(materialise());
  }

  @Override
  public Path materialise() throws IOException {
    Path kept = file;
    if (kept == null) {
      kept = write(new ByteArrayInputStream(bytes == null ? new byte[0] : bytes), null);
      file = kept;
    }
    return kept;
  }

  private Path write(InputStream first, @Nullable InputStream rest) throws IOException {
    Path target = Files.createTempFile(temporaryFolder.get(), "file-", ".bin");
    try (OutputStream out = Files.newOutputStream(target)) {
      first.transferTo(out);
      if (rest != null) {
        rest.transferTo(out);
      }
    } catch (IOException e) {
      Files.deleteIfExists(target);
      throw e;
    }
    return target;
  }

  @Override
  public void close() throws IOException {
    Path kept = file;
    if (kept != null) {
      Files.deleteIfExists(kept);
      file = null;
    }
  }
}
