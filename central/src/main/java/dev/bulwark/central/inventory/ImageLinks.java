package dev.bulwark.central.inventory;

import dev.bulwark.central.images.ImageKeys;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The {@code images} and {@code deployment_images} tables: an image is known by its digest when a
 * pod reports or a reference pins one, else by its name; it exists while a deployment uses it.
 */
final class ImageLinks {
  private ImageLinks() {}

  /** One container's use of one image. */
  private record Link(UUID deployment, String container, String key, String digest, String name) {}

  /**
   * Replaces the image links of the deployments.
   *
   * @param ids the deployments' ids by uid
   * @return the images they used before, which may be unused now
   */
  static List<UUID> replace(Handle handle, Map<String, UUID> ids, List<DeploymentRow> rows) {
    List<UUID> before = unlink(handle, List.copyOf(ids.values()));
    List<Link> links = new ArrayList<>();
    for (DeploymentRow row : rows) {
      UUID deployment = ids.get(row.uid());
      if (deployment == null) {
        continue;
      }
      for (DeploymentRow.ContainerSummary container : row.containers()) {
        String pinned = container.digest();
        List<String> digests =
            pinned != null && container.runningDigests().isEmpty()
                ? List.of(pinned)
                : container.runningDigests();
        if (digests.isEmpty()) {
          links.add(
              new Link(
                  deployment,
                  container.name(),
                  ImageKeys.name(container.image()),
                  "",
                  container.image()));
        }
        for (String digest : digests) {
          links.add(
              new Link(
                  deployment,
                  container.name(),
                  ImageKeys.digest(digest),
                  digest,
                  container.image()));
        }
      }
    }
    if (!links.isEmpty()) {
      insert(handle, links);
    }
    return before;
  }

  private static void insert(Handle handle, List<Link> links) {
    Map<String, Link> images = new LinkedHashMap<>();
    links.forEach(link -> images.putIfAbsent(link.key(), link));
    handle
        .createUpdate(
            "INSERT INTO images (id, key, digest, name) SELECT gen_random_uuid(), k, nullif(d, ''),"
                + " n FROM unnest(CAST(:keys AS text[]), CAST(:digests AS text[]),"
                + " CAST(:names AS text[])) AS t (k, d, n) ON CONFLICT (key) DO NOTHING")
        .bindArray("keys", String.class, images.values().stream().map(Link::key).toList())
        .bindArray("digests", String.class, images.values().stream().map(Link::digest).toList())
        .bindArray("names", String.class, images.values().stream().map(Link::name).toList())
        .execute();
    handle
        .createUpdate(
            "INSERT INTO deployment_images (deployment_id, container, image_id, image_name)"
                + " SELECT CAST(d AS uuid), c, i.id, n FROM unnest(CAST(:deployments AS text[]),"
                + " CAST(:containers AS text[]), CAST(:keys AS text[]), CAST(:names AS text[]))"
                + " AS t (d, c, k, n) JOIN images i ON i.key = t.k ON CONFLICT DO NOTHING")
        .bindArray(
            "deployments",
            String.class,
            links.stream().map(link -> link.deployment().toString()).toList())
        .bindArray("containers", String.class, links.stream().map(Link::container).toList())
        .bindArray("keys", String.class, links.stream().map(Link::key).toList())
        .bindArray("names", String.class, links.stream().map(Link::name).toList())
        .execute();
  }

  /** Deletes the links of the deployments; returns the images they used. */
  static List<UUID> unlink(Handle handle, List<UUID> deployments) {
    if (deployments.isEmpty()) {
      return List.of();
    }
    return handle
        .createQuery(
            "DELETE FROM deployment_images WHERE deployment_id = ANY(CAST(:ids AS uuid[]))"
                + " RETURNING image_id")
        .bindArray("ids", String.class, deployments.stream().map(UUID::toString).toList())
        .mapTo(UUID.class)
        .list();
  }

  /** Deletes those of the images no deployment uses any more. */
  static void deleteUnused(Handle handle, Collection<UUID> images) {
    if (images.isEmpty()) {
      return;
    }
    handle
        .createUpdate(
            "DELETE FROM images i WHERE i.id = ANY(CAST(:ids AS uuid[])) AND NOT EXISTS"
                + " (SELECT 1 FROM deployment_images l WHERE l.image_id = i.id)")
        .bindArray("ids", String.class, images.stream().map(UUID::toString).toList())
        .execute();
  }
}
