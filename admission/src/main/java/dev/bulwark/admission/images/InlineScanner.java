package dev.bulwark.admission.images;

import dev.bulwark.core.image.ImageData;
import dev.bulwark.core.workload.ImageRef;
import java.util.Optional;

/**
 * Scans an image the cache does not know, while the review waits. Called on a separate thread and
 * abandoned when the deadline passes, so implementations must tolerate interruption. Empty means
 * the image could not be scanned (unreachable registry, unknown image).
 */
@FunctionalInterface
public interface InlineScanner {
  Optional<ImageData> scan(ImageRef image) throws Exception;
}
