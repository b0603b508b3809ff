package dev.bulwark.core.image;

import dev.bulwark.core.workload.ImageRef;
import java.util.Optional;

/**
 * Looks up what is known about an image: the CLI reads it from scan result files, the admission
 * webhook from its digest-keyed cache, Central from its database. Implementations must be
 * thread-safe and must not block indefinitely.
 */
@FunctionalInterface
public interface ImageDataProvider {
  /** Nothing is known about any image: image criteria are reported as not evaluated. */
  ImageDataProvider NONE = image -> Optional.empty();

  Optional<ImageData> lookup(ImageRef image);
}
