package dev.bulwark.scanner.image;

/**
 * Caps that keep hostile or broken images from exhausting memory, disk or time. All sizes are
 * bytes.
 *
 * @param maxMetadataBytes largest manifest, index or config document read into memory
 * @param maxLayerBytes largest uncompressed size of one layer's tar stream
 * @param maxCompressionRatio largest ratio of uncompressed to compressed bytes of a layer, checked
 *     once {@code ratioGraceBytes} have been produced (small inputs legitimately compress far)
 * @param ratioGraceBytes uncompressed bytes before the ratio is enforced
 * @param maxFileBytes largest file content handed to a consumer
 * @param maxEntries largest number of tar entries in one layer
 * @param maxSymlinkHops symlinks followed when resolving one path before giving up
 */
public record ReadLimits(
    long maxMetadataBytes,
    long maxLayerBytes,
    long maxCompressionRatio,
    long ratioGraceBytes,
    long maxFileBytes,
    long maxEntries,
    int maxSymlinkHops) {

  /**
   * Defaults sized for real images: layers up to 16 GiB uncompressed, ratio 200 after the first 64
   * MiB (real layers compress 2-10 times; a zero-filled bomb 1,000 times), files read up to 512
   * MiB, a million entries per layer, 40 symlink hops (as Linux).
   */
  public static final ReadLimits DEFAULTS =
      new ReadLimits(16L << 20, 16L << 30, 200, 64L << 20, 512L << 20, 1_000_000, 40);

  /** All limits must be positive. */
  public ReadLimits {
    if (maxMetadataBytes <= 0
        || maxLayerBytes <= 0
        || maxCompressionRatio <= 0
        || ratioGraceBytes < 0
        || maxFileBytes <= 0
        || maxEntries <= 0
        || maxSymlinkHops <= 0) {
      throw new IllegalArgumentException("read limits must be positive");
    }
  }
}
