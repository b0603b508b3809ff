package dev.bulwark.policy.criteria;

import dev.bulwark.core.image.ImageData;
import dev.bulwark.core.workload.Container;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What is known about the image of one container.
 *
 * @param now the evaluation instant, against which ages in days are measured
 */
public record ImageFacts(Container container, ImageData data, Instant now) {
  /**
   * The data of an image nobody knows: never scanned, no metadata. Only Unscanned Image is decided
   * on it; every other image criterion stays unknown.
   */
  public static final ImageData NO_DATA =
      new ImageData(
          false, null, null, Map.of(), List.of(), List.of(), List.of(), null, null, List.of());

  /** Whole and fractional days from {@code then} to {@code now}; null when {@code then} is. */
  static @Nullable Double daysSince(@Nullable Instant then, Instant now) {
    if (then == null) {
      return null;
    }
    return Duration.between(then, now).toSeconds() / (double) Duration.ofDays(1).toSeconds();
  }

  /** "Image "nginx:1.27" of container "web"": the subject of image messages. */
  static String subject(Container container) {
    return "Image "
        + Text.quote(container.image().fullName())
        + " of container "
        + Text.quote(container.name());
  }
}
