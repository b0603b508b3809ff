package dev.bulwark.scanner.sbom;

/** Counts the components a reader meets and stops it at the limit. Not thread-safe. */
final class ComponentCount {
  private final String file;
  private final int maximum;
  private int count;

  ComponentCount(String file, SbomLimits limits) {
    this.file = file;
    this.maximum = limits.maxComponents();
  }

  /**
   * Counts one more component.
   *
   * @throws SbomException when the document lists more components than the limit
   */
  void add() throws SbomException {
    if (++count > maximum) {
      throw new SbomException(
          file
              + " lists more than "
              + maximum
              + " components, more than bulwark reads from one SBOM: split it, or scan the image"
              + " itself");
    }
  }
}
