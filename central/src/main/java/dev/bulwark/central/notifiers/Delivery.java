package dev.bulwark.central.notifiers;

import dev.bulwark.central.alerts.AlertEvent;
import java.util.UUID;

/**
 * A queued delivery claimed for sending.
 *
 * @param attempts the attempts made before this one
 */
public record Delivery(long id, UUID notifierId, String dedupKey, AlertEvent event, int attempts) {}
