package dev.bulwark.vulndb.store;

/**
 * Bounds on what an import reads, so that a hostile or broken archive (a zip bomb, an entry that
 * claims a small size and inflates to gigabytes) is refused instead of exhausting memory or disk.
 *
 * @param maxDocumentBytes the largest record, uncompressed
 * @param maxTotalBytes the most uncompressed bytes of one archive or directory
 * @param maxDocuments the most documents of one archive or directory
 * @param maxDownloadBytes the largest download
 */
public record ArchiveLimits(
    long maxDocumentBytes, long maxTotalBytes, long maxDocuments, long maxDownloadBytes) {
  /**
   * Generous for OSV dumps (a record is kilobytes, rarely megabytes) and far below what hurts a
   * machine.
   */
  public static final ArchiveLimits DEFAULT =
      new ArchiveLimits(32L << 20, 16L << 30, 5_000_000, 4L << 30);
}
