package dev.bulwark.scanner.image;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * One filesystem layer of an image, in application order (base first).
 *
 * @param index position in the image, 0 for the base layer
 * @param digest digest of the blob as stored ({@code sha256:...}); for a root filesystem directory
 *     a digest of its path
 * @param diffId digest of the uncompressed tar from the config, null when unknown
 * @param mediaType media type as declared (may be a Docker or OCI type; content is sniffed anyway)
 * @param size stored size in bytes, -1 when unknown
 * @param blob opens the stored blob; null for a root filesystem directory
 * @param directory the directory this pseudo-layer walks; null for a blob layer
 */
public record Layer(
    int index,
    String digest,
    @Nullable String diffId,
    String mediaType,
    long size,
    @Nullable BlobOpener blob,
    @Nullable Path directory) {

  /** Media type given to the pseudo-layer of a root filesystem directory. */
  public static final String DIRECTORY_MEDIA_TYPE = "application/vnd.bulwark.rootfs.directory";

  /** Exactly one of blob and directory is set. */
  public Layer {
    if ((blob == null) == (directory == null)) {
      throw new IllegalArgumentException("a layer is either a blob or a directory");
    }
  }

  /** Short name for messages: the digest and the index. */
  public String describe() {
    return "layer " + index + " (" + digest + ")";
  }
}
