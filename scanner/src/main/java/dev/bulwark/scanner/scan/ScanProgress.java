package dev.bulwark.scanner.scan;

import dev.bulwark.scanner.image.Layer;

/**
 * Told about each layer as the scan goes, for progress display. Called from the scanning thread.
 */
public interface ScanProgress {
  /** Reports nothing. */
  ScanProgress NONE = (layer, count, cached) -> {};

  /**
   * A layer is done.
   *
   * @param layer the layer
   * @param count how many layers the image has
   * @param cached true when every result came from the layer cache and the layer was not read
   */
  void layerDone(Layer layer, int count, boolean cached);
}
