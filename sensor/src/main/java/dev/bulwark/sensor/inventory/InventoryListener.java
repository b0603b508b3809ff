package dev.bulwark.sensor.inventory;

import org.jspecify.annotations.Nullable;

/**
 * Hears every change of the {@link InventoryStore}, in order, while the store's lock is held: an
 * implementation must be quick and must not call back into the store's writers.
 */
public interface InventoryListener {
  /** An object was added ({@code before} null) or changed. */
  void upserted(@Nullable ReportedObject before, ReportedObject after);

  /** An object is gone. */
  void deleted(ReportedObject before);
}
