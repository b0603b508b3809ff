package dev.bulwark.core.image;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Metadata and scan results of one image.
 *
 * @param scanned false when metadata is known but the image was never scanned
 * @param verifiedBy IDs of the signature integrations that verified the image's signature
 */
public record ImageData(
    boolean scanned,
    @Nullable String os,
    @Nullable String user,
    Map<String, String> labels,
    List<ImageComponent> components,
    List<ImageVulnerability> vulnerabilities,
    List<DockerfileLine> dockerfile,
    @Nullable Instant created,
    @Nullable Instant scanTime,
    List<String> verifiedBy) {
  public ImageData {
    labels = Map.copyOf(labels);
    components = List.copyOf(components);
    vulnerabilities = List.copyOf(vulnerabilities);
    dockerfile = List.copyOf(dockerfile);
    verifiedBy = List.copyOf(verifiedBy);
  }
}
