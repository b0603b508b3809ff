package dev.bulwark.scanner.image.layer;

import com.github.luben.zstd.ZstdInputStream;
import dev.bulwark.core.io.ObservedInputStream;
import dev.bulwark.scanner.image.BlobOpener;
import dev.bulwark.scanner.image.ImageException;
import dev.bulwark.scanner.image.Layer;
import dev.bulwark.scanner.image.ReadLimits;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Streams a layer's tar entries to a {@link LayerVisitor} without writing anything to disk. The
 * compression (gzip, zstd or none) is detected from the first bytes, whatever the media type says.
 * Entries whose paths are absolute or contain {@code ..}, and hard links pointing outside the
 * image, are skipped with a note. Immutable and thread-safe.
 */
public final class LayerReader {
  private static final int ZSTD_MAGIC = 0xFD2FB528;
  private static final String WHITEOUT_PREFIX = ".wh.";
  private static final String OPAQUE_MARKER = ".wh..wh..opq";

  private final ReadLimits limits;

  /** A reader enforcing the given limits. */
  public LayerReader(ReadLimits limits) {
    this.limits = limits;
  }

  /** The limits this reader enforces. */
  public ReadLimits limits() {
    return limits;
  }

  /**
   * Reads every entry of a layer, to the end of its blob so that the blob digest is verified.
   *
   * @throws ImageException naming the layer when the blob is corrupt, truncated, fails its digest
   *     or exceeds a limit; the visitor's own IOExceptions are wrapped the same way
   */
  public void read(Layer layer, LayerVisitor visitor) {
    if (layer.directory() != null) {
      new DirectoryWalker(layer, limits).walk(Objects.requireNonNull(layer.directory()), visitor);
      return;
    }
    BlobOpener blob = Objects.requireNonNull(layer.blob());
    try (InputStream stored = blob.open()) {
      CountingStream compressed = new CountingStream(new BufferedInputStream(stored, 65536));
      InputStream tar = new BoundedLayerStream(decompress(compressed), compressed, layer, limits);
      readTar(layer, tar, visitor);
      tar.transferTo(OutputStream.nullOutputStream());
    } catch (LimitExceededException e) {
      throw new ImageException(String.valueOf(e.getMessage()), e);
    } catch (IOException | RuntimeException e) {
      if (e instanceof ImageException imageException) {
        throw imageException;
      }
      throw new ImageException(
          layer.describe()
              + " cannot be read: "
              + describe(e)
              + " (the blob is truncated, corrupt or not a tar archive)",
          e);
    }
  }

  private void readTar(Layer layer, InputStream tar, LayerVisitor visitor) throws IOException {
    TarArchiveInputStream archive = new TarArchiveInputStream(tar);
    long entries = 0;
    for (TarArchiveEntry raw = archive.getNextEntry(); raw != null; raw = archive.getNextEntry()) {
      if (++entries > limits.maxEntries()) {
        throw new LimitExceededException(
            layer.describe() + " has more than " + limits.maxEntries() + " entries (limit)");
      }
      LayerEntry entry = classify(layer, raw, visitor);
      if (entry != null) {
        InputStream content =
            entry.type() == EntryType.FILE
                ? new FileContentStream(archive, layer, entry.path(), limits.maxFileBytes())
                : InputStream.nullInputStream();
        visitor.entry(entry, content);
      }
    }
  }

  private static @Nullable LayerEntry classify(
      Layer layer, TarArchiveEntry raw, LayerVisitor visitor) {
    EntryType type;
    if (raw.isSymbolicLink()) {
      type = EntryType.SYMLINK;
    } else if (raw.isLink()) {
      type = EntryType.HARDLINK;
    } else if (raw.isDirectory()) {
      type = EntryType.DIRECTORY;
    } else if (raw.isFile()) {
      type = EntryType.FILE;
    } else {
      type = EntryType.OTHER;
    }
    return entry(
        layer,
        raw.getName(),
        type,
        type == EntryType.FILE ? raw.getSize() : 0,
        raw.getMode() & 07777,
        raw.getLongUserId(),
        raw.getLongGroupId(),
        raw.getLinkName(),
        visitor);
  }

  /** Normalises and classifies one entry (shared with the directory walker). */
  static @Nullable LayerEntry entry(
      Layer layer,
      String name,
      EntryType type,
      long size,
      int mode,
      long uid,
      long gid,
      String linkName,
      LayerVisitor visitor) {
    String path = EntryPaths.normalise(name);
    if (path == null) {
      visitor.note(layer.describe() + ": skipped '" + name + "': path leaves the image root");
      return null;
    }
    if (path.isEmpty()) {
      return null;
    }
    int slash = path.lastIndexOf('/');
    String parent = slash < 0 ? "" : path.substring(0, slash);
    String fileName = path.substring(slash + 1);
    if (fileName.equals(OPAQUE_MARKER)) {
      return new LayerEntry(parent, EntryType.OPAQUE_WHITEOUT, 0, mode, uid, gid, null);
    }
    if (fileName.startsWith(WHITEOUT_PREFIX)) {
      String deleted = fileName.substring(WHITEOUT_PREFIX.length());
      if (deleted.isEmpty() || deleted.startsWith(WHITEOUT_PREFIX)) {
        visitor.note(layer.describe() + ": skipped '" + name + "': unknown whiteout marker");
        return null;
      }
      String target = parent.isEmpty() ? deleted : parent + "/" + deleted;
      return new LayerEntry(target, EntryType.WHITEOUT, 0, mode, uid, gid, null);
    }
    return switch (type) {
      case SYMLINK -> new LayerEntry(path, type, 0, mode, uid, gid, linkName);
      case HARDLINK -> {
        String target = EntryPaths.normalise(linkName);
        if (target == null || target.isEmpty()) {
          visitor.note(
              layer.describe()
                  + ": skipped hard link '"
                  + path
                  + "' -> '"
                  + linkName
                  + "': target leaves the image root");
          yield null;
        }
        yield new LayerEntry(path, type, 0, mode, uid, gid, target);
      }
      case FILE, DIRECTORY, OTHER, WHITEOUT, OPAQUE_WHITEOUT ->
          new LayerEntry(path, type, type == EntryType.FILE ? size : 0, mode, uid, gid, null);
    };
  }

  /** A file's content capped at {@code cap} bytes, not closable by the visitor. */
  static InputStream capped(InputStream content, Layer layer, String path, long cap) {
    return new FileContentStream(content, layer, path, cap);
  }

  private static InputStream decompress(InputStream in) throws IOException {
    in.mark(4);
    byte[] magic = in.readNBytes(4);
    in.reset();
    if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
      return new GZIPInputStream(in, 65536);
    }
    if (magic.length == 4
        && ((magic[0] & 0xff)
                | (magic[1] & 0xff) << 8
                | (magic[2] & 0xff) << 16
                | (magic[3] & 0xff) << 24)
            == ZSTD_MAGIC) {
      return new ZstdInputStream(in);
    }
    return in;
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /** A limit was exceeded; its message is complete and user-facing. */
  static final class LimitExceededException extends IOException {
    private static final long serialVersionUID = 1L;

    LimitExceededException(String message) {
      super(message);
    }
  }

  /** Counts the bytes read from the stored (compressed) blob. */
  private static final class CountingStream extends ObservedInputStream {
    private long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    protected void observed(byte[] buffer, int offset, int bytes) {
      count += bytes;
    }

    long count() {
      return count;
    }
  }

  /** Enforces the uncompressed size and compression ratio caps: the decompression bomb guard. */
  private static final class BoundedLayerStream extends ObservedInputStream {
    private final CountingStream compressed;
    private final Layer layer;
    private final ReadLimits limits;
    private long produced;

    BoundedLayerStream(InputStream in, CountingStream compressed, Layer layer, ReadLimits limits) {
      super(in);
      this.compressed = compressed;
      this.layer = layer;
      this.limits = limits;
    }

    @Override
    protected void observed(byte[] buffer, int offset, int bytes) throws LimitExceededException {
      produced += bytes;
      check();
    }

    private void check() throws LimitExceededException {
      if (produced > limits.maxLayerBytes()) {
        throw new LimitExceededException(
            layer.describe()
                + " expands to more than "
                + limits.maxLayerBytes()
                + " bytes (maximum layer size); raise the limit if the image is legitimate");
      }
      if (produced > limits.ratioGraceBytes()
          && produced > limits.maxCompressionRatio() * Math.max(1, compressed.count())) {
        throw new LimitExceededException(
            layer.describe()
                + " expands more than "
                + limits.maxCompressionRatio()
                + " times its compressed size ("
                + compressed.count()
                + " bytes gave "
                + produced
                + "): refusing a likely decompression bomb");
      }
    }
  }

  /** A file's content inside the archive: not closable by the visitor, capped in length. */
  private static final class FileContentStream extends ObservedInputStream {
    private final Layer layer;
    private final String path;
    private final long cap;
    private long read;

    FileContentStream(InputStream archive, Layer layer, String path, long cap) {
      super(archive);
      this.layer = layer;
      this.path = path;
      this.cap = cap;
    }

    @Override
    protected void observed(byte[] buffer, int offset, int bytes) throws LimitExceededException {
      read += bytes;
      if (read > cap) {
        throw new LimitExceededException(
            layer.describe()
                + ": file '"
                + path
                + "' is larger than "
                + cap
                + " bytes (maximum file size read)");
      }
    }

    @Override
    public void close() {
      // The archive stays open for the next entries.
    }
  }
}
