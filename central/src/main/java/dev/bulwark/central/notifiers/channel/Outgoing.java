package dev.bulwark.central.notifiers.channel;

import dev.bulwark.central.alerts.AlertEvent;
import org.jspecify.annotations.Nullable;

/**
 * One message to send.
 *
 * @param event the alert event
 * @param configuration the notifier's settings and secrets
 * @param target the target taken from an annotation (a webhook URL, an address, a project), or null
 *     for the configured one
 * @param reference what an earlier delivery for the same alert made at the peer (the Jira issue
 *     key), or null
 * @param timeouts how long the send may take
 */
public record Outgoing(
    AlertEvent event,
    Configuration configuration,
    @Nullable String target,
    @Nullable String reference,
    Timeouts timeouts) {}
