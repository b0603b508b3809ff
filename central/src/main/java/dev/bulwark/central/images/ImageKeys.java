package dev.bulwark.central.images;

import dev.bulwark.core.workload.ImageRef;
import java.util.Collection;
import java.util.TreeSet;

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
   * The key a container's image is looked up by: of the digests its pods run, the first in order
   * (pods of one rollout run one digest; during a rollout either is a fair answer), else the digest
   * its reference pins, else its name.
   */
  public static String of(ImageRef image, Collection<String> runningDigests) {
    if (!runningDigests.isEmpty()) {
      return digest(new TreeSet<>(runningDigests).first());
    }
    String pinned = image.digest();
    return pinned != null ? digest(pinned) : name(image.fullName());
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
