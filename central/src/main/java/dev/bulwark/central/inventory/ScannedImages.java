package dev.bulwark.central.inventory;

import dev.bulwark.central.images.ImageKeys;
import dev.bulwark.central.images.ImageScanStore;
import dev.bulwark.core.image.ImageData;
import dev.bulwark.core.image.ImageDataProvider;
import dev.bulwark.core.workload.Container;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The scan results of the images some deployments use, loaded in one query before they are
 * evaluated, and the image data each deployment's policies see: a container's image is looked up by
 * the digest its pods run, else the digest it pins, else its name (see {@link ImageKeys#of}), so
 * that a tag is judged by what actually runs. Immutable.
 */
final class ScannedImages {
  private final Map<String, ImageData> byKey;

  private ScannedImages(Map<String, ImageData> byKey) {
    this.byKey = Map.copyOf(byKey);
  }

  /**
   * @param running per deployment uid, container name to the digests its pods run
   */
  static ScannedImages load(
      Handle handle,
      List<StoredWorkloads.Read> deployments,
      Map<String, Map<String, Set<String>>> running) {
    Set<String> keys = new HashSet<>();
    for (StoredWorkloads.Read deployment : deployments) {
      keys.addAll(keysByName(deployment, running).values());
    }
    return new ScannedImages(ImageScanStore.data(handle, keys));
  }

  /** What the deployment's policies know of its images. */
  ImageDataProvider provider(
      StoredWorkloads.Read deployment, Map<String, Map<String, Set<String>>> running) {
    Map<String, String> keys = keysByName(deployment, running);
    return image ->
        Optional.ofNullable(
            byKey.get(keys.getOrDefault(image.fullName(), ImageKeys.of(image, List.of()))));
  }

  /** The key of each image name the deployment's containers use (the first container's wins). */
  private static Map<String, String> keysByName(
      StoredWorkloads.Read deployment, Map<String, Map<String, Set<String>>> running) {
    Map<String, Set<String>> digests = running.getOrDefault(deployment.uid(), Map.of());
    Map<String, String> keys = new HashMap<>();
    for (Container container : deployment.workload().containers()) {
      keys.putIfAbsent(
          container.image().fullName(),
          ImageKeys.of(container.image(), digests.getOrDefault(container.name(), Set.of())));
    }
    return keys;
  }
}
