package dev.bulwark.admission.images;

import dev.bulwark.core.image.ImageData;
import java.util.Optional;

/**
 * Scan results by image digest ({@code sha256:...}). Digests, not tags: a tag can point at another
 * image tomorrow, a digest cannot. The scanner, or Central, fills it; the admission controller only
 * reads. Implementations are thread-safe and answer from memory or a local store, never from the
 * network (the deadline of a review is milliseconds).
 */
public interface ScanResultCache {
  /** A cache that knows nothing. */
  ScanResultCache EMPTY = digest -> Optional.empty();

  Optional<ImageData> get(String digest);
}
