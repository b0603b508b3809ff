package dev.bulwark.central.notifiers.channel;

import dev.bulwark.central.alerts.AlertEvent;
import java.util.Optional;

/** Sends alert events to one kind of peer. Implementations are stateless and thread-safe. */
public interface Channel {
  /**
   * Sends the message.
   *
   * @return what the peer made that a later event of the same alert refers to (a Jira issue key)
   * @throws DeliveryException saying why not, without secrets
   */
  Optional<String> send(Outgoing message) throws DeliveryException;

  /** Whether events of {@code kind} are sent at all with this configuration. */
  default boolean accepts(AlertEvent.Kind kind, Configuration configuration) {
    return true;
  }
}
