package dev.bulwark.scanner.sbom;

/**
 * Caps that keep hostile or broken SBOMs from exhausting memory or time. A document over a cap is
 * an error, never read in part.
 *
 * @param maxBytes largest file read
 * @param maxComponents most components (CycloneDX components, SPDX packages) in one document
 */
public record SbomLimits(long maxBytes, int maxComponents) {
  /**
   * 256 MiB and 500,000 components: real SBOMs of large images hold some ten thousand components in
   * a few tens of MiB.
   */
  public static final SbomLimits DEFAULTS = new SbomLimits(256L << 20, 500_000);

  /** Both limits must be positive. */
  public SbomLimits {
    if (maxBytes <= 0 || maxComponents <= 0) {
      throw new IllegalArgumentException("SBOM limits must be positive");
    }
  }
}
