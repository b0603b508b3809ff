package dev.bulwark.sensor.images;

import dev.bulwark.core.image.ImageData;
import java.util.Optional;
import java.util.Set;

/**
 * Scan data of the cluster's images, as far as it is known now. Implementations answer from memory
 * (evaluation never waits for the network) and are thread-safe.
 */
public interface ImageScans {
  /** Knows nothing and learns nothing: image criteria stay undecided. */
  ImageScans NONE =
      new ImageScans() {
        @Override
        public Optional<ImageData> get(ImageKey image) {
          return Optional.empty();
        }

        @Override
        public void inUse(Set<ImageKey> images) {}
      };

  /** What is known of the image; empty until its scan data arrived. */
  Optional<ImageData> get(ImageKey image);

  /** The images the cluster's deployments use now: others may be forgotten. */
  void inUse(Set<ImageKey> images);
}
