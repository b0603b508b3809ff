package dev.bulwark.central.alerts;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Hears about alert changes inside the transaction that made them, so that what it records (for
 * example a notification queued for delivery) commits or rolls back with the change. Must not do
 * slow work (network calls) here: queue it.
 */
@FunctionalInterface
public interface AlertEventListener {
  void published(Handle handle, List<AlertEvent> events);
}
