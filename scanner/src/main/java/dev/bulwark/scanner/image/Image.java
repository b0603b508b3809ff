package dev.bulwark.scanner.image;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An opened image: its identity, configuration and layers. Immutable; reading layers is done with
 * {@link dev.bulwark.scanner.image.layer.LayerReader}, each call opening the blobs anew, so an
 * image may be read by several threads.
 *
 * @param reference the reference it was opened from, as given
 * @param manifestDigest digest of the selected (platform-specific) manifest, null when the source
 *     has none (docker save archive, root filesystem)
 * @param configDigest digest of the config blob, null for a root filesystem
 * @param config the configuration
 * @param layers layers in application order
 */
public record Image(
    String reference,
    @Nullable String manifestDigest,
    @Nullable String configDigest,
    ImageConfig config,
    List<Layer> layers) {

  /** Copies the layer list. */
  public Image {
    layers = List.copyOf(layers);
  }
}
