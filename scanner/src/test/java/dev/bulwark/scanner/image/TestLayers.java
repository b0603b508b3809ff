package dev.bulwark.scanner.image;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Builds layer tars in memory for tests, hostile ones included. */
public final class TestLayers {
  private TestLayers() {}

  /** One tar entry to write. */
  public record Entry(String name, byte type, String content, String link) {
    public static Entry file(String name, String content) {
      return new Entry(name, TarArchiveEntry.LF_NORMAL, content, "");
    }

    public static Entry directory(String name) {
      return new Entry(name, TarArchiveEntry.LF_DIR, "", "");
    }

    public static Entry symlink(String name, String target) {
      return new Entry(name, TarArchiveEntry.LF_SYMLINK, "", target);
    }

    public static Entry hardlink(String name, String target) {
      return new Entry(name, TarArchiveEntry.LF_LINK, "", target);
    }
  }

  public static byte[] tar(List<Entry> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Entry entry : entries) {
        TarArchiveEntry header = new TarArchiveEntry(entry.name(), entry.type(), true);
        byte[] content = entry.content().getBytes(StandardCharsets.UTF_8);
        header.setSize(content.length);
        header.setMode(entry.type() == TarArchiveEntry.LF_DIR ? 040755 : 0100644);
        if (!entry.link().isEmpty()) {
          header.setLinkName(entry.link());
        }
        tar.putArchiveEntry(header);
        tar.write(content);
        tar.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** A tar holding one file of {@code size} zero bytes. */
  public static byte[] zeroFileTar(String name, long size) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream gzip = new GZIPOutputStream(bytes);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
      TarArchiveEntry header = new TarArchiveEntry(name);
      header.setSize(size);
      tar.putArchiveEntry(header);
      byte[] zeros = new byte[65536];
      for (long written = 0; written < size; written += zeros.length) {
        tar.write(zeros, 0, (int) Math.min(zeros.length, size - written));
      }
      tar.closeArchiveEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static byte[] gzip(byte[] data) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static byte[] zstd(byte[] data) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new ZstdOutputStream(bytes)) {
      out.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** A blob layer serving the bytes, declared with a media type that may lie. */
  public static Layer layer(int index, byte[] blob, String mediaType) {
    return new Layer(
        index,
        Digests.sha256(blob),
        null,
        mediaType,
        blob.length,
        () -> Digests.verifying(new ByteArrayInputStream(blob), Digests.sha256(blob), "test blob"),
        null);
  }

  /** An image of the given blobs (gzip media type), config empty. */
  public static Image image(List<byte[]> blobs) {
    List<Layer> layers =
        IntStream.range(0, blobs.size())
            .mapToObj(i -> layer(i, blobs.get(i), "application/vnd.oci.image.layer.v1.tar+gzip"))
            .toList();
    ImageConfig config =
        new ImageConfig(Platform.DEFAULT, "", Map.of(), List.of(), null, List.of(), List.of());
    return new Image("test", null, null, config, layers);
  }
}
