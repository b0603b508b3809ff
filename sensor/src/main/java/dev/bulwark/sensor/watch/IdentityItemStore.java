package dev.bulwark.sensor.watch;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The informer's own cache, holding only each object's identity and resource version: enough for
 * the informer to skip unchanged objects and to report deletions, while the one full copy of each
 * object is the inventory's compact JSON (and Secret data is never kept at all). Thread-safe.
 */
final class IdentityItemStore implements ItemStore<GenericKubernetesResource> {
  private final Map<String, GenericKubernetesResource> items = new ConcurrentHashMap<>();

  @Override
  public String getKey(GenericKubernetesResource object) {
    return Cache.metaNamespaceKeyFunc(object);
  }

  @Override
  public @Nullable GenericKubernetesResource put(String key, GenericKubernetesResource object) {
    return items.put(key, identity(object));
  }

  @Override
  public @Nullable GenericKubernetesResource remove(String key) {
    return items.remove(key);
  }

  @Override
  public Stream<String> keySet() {
    return items.keySet().stream();
  }

  @Override
  public Stream<GenericKubernetesResource> values() {
    return items.values().stream();
  }

  @Override
  public int size() {
    return items.size();
  }

  @Override
  public @Nullable GenericKubernetesResource get(String key) {
    return items.get(key);
  }

  @Override
  public boolean isFullState() {
    return false;
  }

  static GenericKubernetesResource identity(GenericKubernetesResource object) {
    GenericKubernetesResource identity = new GenericKubernetesResource();
    identity.setApiVersion(object.getApiVersion());
    identity.setKind(object.getKind());
    ObjectMeta metadata = new ObjectMeta();
    ObjectMeta source = object.getMetadata();
    if (source != null) {
      metadata.setName(source.getName());
      metadata.setNamespace(source.getNamespace());
      metadata.setUid(source.getUid());
      metadata.setResourceVersion(source.getResourceVersion());
    }
    identity.setMetadata(metadata);
    return identity;
  }
}
