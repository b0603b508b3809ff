package dev.bulwark.central.detect;

import dev.bulwark.scanner.image.Platform;
import dev.bulwark.scanner.image.registry.ImageReference;
import java.util.concurrent.CompletableFuture;

/**
 * Pulls and scans registry images for {@code POST /v1/detect/build}. Takes only parsed registry
 * references, so that a caller can never make central open one of its own files. Implementations
 * are thread-safe.
 */
@FunctionalInterface
public interface ImageScans {
  /**
   * The image scanned, later. The future fails with {@link
   * dev.bulwark.scanner.image.ImageException} when the image cannot be pulled or read; cancelling
   * it stops the scan as soon as it can.
   */
  CompletableFuture<ScannedImage> scan(ImageReference reference, Platform platform);
}
