package dev.bulwark.central.images;

import dev.bulwark.core.image.RunningImages;
import dev.bulwark.core.workload.ImageRef;
import java.util.Collection;

/**
 * How the inventory keys images: by digest when one is known (what the container's pods run, else
 * what its reference pins), else by the name the container gives. Images and their scans share
 * these keys.
 */
public final class ImageKeys {
  private static final String DIGEST = "digest:";
  private static final String NAME = "name:";

  private ImageKeys() {}

  public static String digest(String digest) {
    return DIGEST + digest;
  }

  public static String name(String name) {
    return NAME + name;
  }

  /**
   * The key a container's image is looked up by: the digest it is judged by ({@link
   * RunningImages#judged}), else its name.
   */
  public static String of(ImageRef image, Collection<String> runningDigests) {
    String judged = RunningImages.judged(image, runningDigests);
    return judged != null ? digest(judged) : name(image.fullName());
  }

  /**
   * What central pulls for an image: {@code registry/repository@digest} for a digest key (the
   * image's name gives the repository), the name itself for a name key.
   */
  public static String reference(String key, String name) {
    if (key.startsWith(DIGEST)) {
      ImageRef image = ImageRef.parse(name);
      return image.registry() + "/" + image.remote() + "@" + key.substring(DIGEST.length());
    }
    return name;
  }
}
