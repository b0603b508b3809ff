package dev.bulwark.scanner.image;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The parts of an image configuration (OCI image config / Docker container config) that scans need.
 *
 * @param platform the platform the image was built for
 * @param user the default user ({@code USER}), empty when unset (root)
 * @param labels image labels, in document order
 * @param env environment as {@code NAME=value} strings
 * @param created creation time as recorded (ISO-8601), null when absent
 * @param history build steps in order
 * @param diffIds uncompressed layer digests ({@code rootfs.diff_ids}), in layer order
 */
public record ImageConfig(
    Platform platform,
    String user,
    Map<String, String> labels,
    List<String> env,
    @Nullable String created,
    List<HistoryEntry> history,
    List<String> diffIds) {

  /** Copies the collections. */
  public ImageConfig {
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    env = List.copyOf(env);
    history = List.copyOf(history);
    diffIds = List.copyOf(diffIds);
  }
}
