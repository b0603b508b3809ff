package dev.bulwark.scanner.image.layer;

import org.jspecify.annotations.Nullable;

/**
 * One entry of a layer, its path normalised: relative to the image root, no leading slash, no
 * {@code .} or {@code ..} segments, no trailing slash; the root itself is {@code ""} (only for an
 * opaque whiteout of the root).
 *
 * @param path normalised path; for a whiteout, the path it deletes; for an opaque whiteout, the
 *     directory it makes opaque
 * @param type what the entry is
 * @param size content size in bytes (files), 0 otherwise
 * @param mode permission and special bits ({@code 04755} for a setuid binary)
 * @param uid owner user id
 * @param gid owner group id
 * @param linkTarget symlink target as written, or the normalised target path of a hard link; null
 *     for other types
 */
public record LayerEntry(
    String path,
    EntryType type,
    long size,
    int mode,
    long uid,
    long gid,
    @Nullable String linkTarget) {

  /** The last path segment. */
  public String name() {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }

  /** The parent directory's path, {@code ""} for top-level entries. */
  public String parent() {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }
}
