package dev.bulwark.scanner.scan;

import dev.bulwark.scanner.image.Layer;
import java.util.List;

/**
 * Told how a scan goes, for progress display. Every method is called from the scanning thread, in
 * this order: {@link #scanStarted} once, then per layer any number of {@link #bytesRead} and one
 * {@link #layerDone}, then {@link #scanFinished} once, also when the scan fails. Only {@link
 * #layerDone} must be implemented; the others do nothing by default.
 */
public interface ScanProgress {
  /** Reports nothing. */
  ScanProgress NONE = (layer, count, cached) -> {};

  /**
   * The scan begins.
   *
   * @param layers the image's layers in order; their {@link Layer#size()} is the stored size to
   *     read (-1 when unknown, as for a root filesystem directory)
   */
  default void scanStarted(List<Layer> layers) {}

  /**
   * Bytes of a layer's stored blob were read: fetched from the registry or the file, before
   * decompression. Called often (after every read of the stream), so implementations must be cheap;
   * never called for a layer served from the cache or for a root filesystem directory.
   *
   * @param layer the layer being read
   * @param total how many bytes of its blob were read so far; at the end, the blob's size
   */
  default void bytesRead(Layer layer, long total) {}

  /**
   * A layer is done.
   *
   * @param layer the layer
   * @param count how many layers the image has
   * @param cached true when every result came from the layer cache and the layer was not read
   */
  void layerDone(Layer layer, int count, boolean cached);

  /**
   * The scan ended.
   *
   * @param completed true when every layer was scanned; false when the scan fails, in which case
   *     its exception propagates after this call
   */
  default void scanFinished(boolean completed) {}
}
