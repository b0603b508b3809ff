package dev.bulwark.central.auth;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The authenticated caller: the token it presented.
 *
 * @param name the token's name, the "who" of the audit log
 * @param clusterId the cluster a sensor token acts for; null for every other role
 */
public record Principal(UUID tokenId, String name, Role role, @Nullable UUID clusterId) {
  /**
   * Refuses a sensor token bound to another cluster (routes with {@link Permission#SENSOR_REPORT}
   * call this with the cluster of the path).
   *
   * @throws AccessDeniedException when this token does not act for {@code cluster}
   */
  public void requireCluster(UUID cluster) {
    if (!cluster.equals(clusterId)) {
      throw new AccessDeniedException(
          "wrong-cluster",
          "the token '"
              + name
              + "' acts for "
              + (clusterId == null ? "no cluster" : "cluster " + clusterId)
              + ", not for cluster "
              + cluster);
    }
  }
}
