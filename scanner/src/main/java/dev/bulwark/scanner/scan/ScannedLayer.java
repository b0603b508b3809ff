package dev.bulwark.scanner.scan;

import java.util.Objects;

/**
 * One layer of a scanned image.
 *
 * @param index position in the image, 0 for the base layer
 * @param digest the layer's identity in scan results: its diffID, else its blob digest (see {@link
 *     ImageScanner})
 * @param cached true when the layer was not read because every analyzer's result was cached
 * @param packages how many packages of this layer survive in the merged image
 */
public record ScannedLayer(int index, String digest, boolean cached, int packages) {
  public ScannedLayer {
    Objects.requireNonNull(digest, "digest");
  }
}
