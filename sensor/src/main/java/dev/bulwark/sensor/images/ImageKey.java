package dev.bulwark.sensor.images;

import dev.bulwark.core.image.RunningImages;
import dev.bulwark.core.workload.ImageRef;
import java.util.Collection;
import org.jspecify.annotations.Nullable;

/**
 * An image as central's scans know it: by the digest a container is judged by when there is one,
 * else by its full name (a tag, scanned as it resolves).
 *
 * @param name the image's full name, as the container names it
 * @param digest the digest it is judged by ({@link RunningImages#judged}); null for none
 */
public record ImageKey(String name, @Nullable String digest) {
  /** The key of a container's image, given the digests its pods run. */
  public static ImageKey of(ImageRef image, Collection<String> runningDigests) {
    return new ImageKey(image.fullName(), RunningImages.judged(image, runningDigests));
  }

  /** The image's identity: two keys with one digest are one image whatever their names. */
  public String identity() {
    return digest != null ? "digest:" + digest : "name:" + name;
  }
}
