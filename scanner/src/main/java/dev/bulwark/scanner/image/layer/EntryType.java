package dev.bulwark.scanner.image.layer;

/** What a layer entry is, whiteouts included so that layers can be applied in order. */
public enum EntryType {
  /** A regular file with content. */
  FILE,
  /** A directory. */
  DIRECTORY,
  /** A symbolic link; its target is kept as written and resolved only inside the image. */
  SYMLINK,
  /** A hard link to a path of the image (normalised, inside the image). */
  HARDLINK,
  /** A device, FIFO or other special file: metadata only. */
  OTHER,
  /** {@code .wh.<name>}: deletes the path (and everything under it) from lower layers. */
  WHITEOUT,
  /** {@code .wh..wh..opq}: hides everything lower layers put in the directory. */
  OPAQUE_WHITEOUT
}
