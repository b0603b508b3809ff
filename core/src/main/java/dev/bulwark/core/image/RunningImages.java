package dev.bulwark.core.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.workload.ImageRef;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a cluster's pods actually run, and which image a container is judged by: a tag can point at
 * another image tomorrow, the digest a pod runs cannot. Central and the sensor both follow these
 * rules, so that they look up the same scan for the same container.
 */
public final class RunningImages {
  private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+:[a-f0-9]{32,128}");

  private RunningImages() {}

  /**
   * Container name to the digest it runs, from every kind of container status of a pod (the object
   * as the API server returns it); containers whose status has no digest are left out.
   */
  public static Map<String, String> of(JsonNode pod) {
    Map<String, String> images = new LinkedHashMap<>();
    JsonNode status = pod.path("status");
    for (String field :
        List.of("initContainerStatuses", "containerStatuses", "ephemeralContainerStatuses")) {
      for (JsonNode container : status.path(field)) {
        String digest = digest(container.path("imageID").asText(""));
        if (digest != null && container.path("name").isTextual()) {
          images.put(container.path("name").asText(), digest);
        }
      }
    }
    return images;
  }

  /**
   * The digest in an image id as runtimes report it ({@code docker-pullable://nginx@sha256:...},
   * {@code docker.io/library/nginx@sha256:...}, {@code sha256:...}); null when there is none.
   */
  public static @Nullable String digest(String imageId) {
    String digest = imageId.substring(imageId.lastIndexOf('@') + 1);
    return DIGEST.matcher(digest).matches() ? digest : null;
  }

  /**
   * The digest a container's image is judged by: of the digests its pods run, the first in order
   * (pods of one rollout run one digest; during a rollout either is a fair answer), else the digest
   * its reference pins; null when neither is known (the image is then known by its name only).
   */
  public static @Nullable String judged(ImageRef image, Collection<String> runningDigests) {
    return runningDigests.isEmpty() ? image.digest() : new TreeSet<>(runningDigests).first();
  }
}
