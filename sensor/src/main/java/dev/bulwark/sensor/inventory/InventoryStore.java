package dev.bulwark.sensor.inventory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The cluster's objects as the sensor last saw them, by uid: the one copy of each object the sensor
 * keeps. Writes are serialised and tell the listeners under the same lock, so a {@link #snapshot}
 * sees exactly the changes its listeners heard before it. Reads are lock-free. Thread-safe.
 */
public final class InventoryStore {
  private final Map<String, ReportedObject> objects = new ConcurrentHashMap<>();
  private final List<InventoryListener> listeners = new CopyOnWriteArrayList<>();
  private final Object lock = new Object();

  public void addListener(InventoryListener listener) {
    listeners.add(listener);
  }

  /** Adds or replaces an object; an object equal to the one kept changes nothing. */
  public void upsert(ReportedObject object) {
    synchronized (lock) {
      ReportedObject before = objects.get(object.uid());
      if (before != null && same(before, object)) {
        return;
      }
      objects.put(object.uid(), object);
      listeners.forEach(listener -> listener.upserted(before, object));
    }
  }

  /** Removes the object with the uid, if it is kept. */
  public void delete(String uid) {
    synchronized (lock) {
      ReportedObject before = objects.remove(uid);
      if (before != null) {
        listeners.forEach(listener -> listener.deleted(before));
      }
    }
  }

  public Optional<ReportedObject> get(String uid) {
    return Optional.ofNullable(objects.get(uid));
  }

  /** Every object kept now (a moment's view; later writes may or may not show). */
  public Collection<ReportedObject> objects() {
    return List.copyOf(objects.values());
  }

  public int size() {
    return objects.size();
  }

  /**
   * Runs {@code action} with every object while no write can happen: what it does (such as taking a
   * sequence number) is ordered after every change the listeners heard and before any other.
   */
  public <T> T snapshot(Function<List<ReportedObject>, T> action) {
    synchronized (lock) {
      return action.apply(new ArrayList<>(objects.values()));
    }
  }

  private static boolean same(ReportedObject before, ReportedObject after) {
    if (before.size() != after.size()) {
      return false;
    }
    byte[][] kept = new byte[2][];
    before.writeTo(json -> kept[0] = json);
    after.writeTo(json -> kept[1] = json);
    return Arrays.equals(kept[0], kept[1]);
  }
}
