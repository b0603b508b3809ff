package dev.bulwark.central.notifiers;

import dev.bulwark.central.alerts.AlertEventListener;
import dev.bulwark.central.api.ApiFeature;
import dev.bulwark.central.jobs.SingletonJob;
import dev.bulwark.central.notifiers.channel.Channels;
import dev.bulwark.central.notifiers.channel.Timeouts;
import dev.bulwark.central.secrets.SecretBox;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/**
 * The notifiers feature wired together: the store, the queue (the alerts' listener), the dispatcher
 * (a singleton job) and the API. {@link #close()} stops the dispatcher's pool.
 */
public final class Notifications implements AutoCloseable {
  private final NotifierStore store;
  private final NotificationQueue queue;
  private final NotificationDispatcher dispatcher;

  /**
   * @param box seals the notifiers' secrets
   * @param hostname this host's name, for syslog messages
   */
  public Notifications(Jdbi jdbi, SecretBox box, Clock clock, String hostname) {
    Channels channels = new Channels(clock, hostname);
    this.store = new NotifierStore(jdbi, box, clock);
    this.queue = new NotificationQueue(jdbi, channels, clock);
    this.dispatcher =
        new NotificationDispatcher(
            queue, store, channels, RetryPolicy.standard(), Timeouts.DEFAULT, clock);
  }

  /** Queues deliveries for alert events; give it to whatever publishes them. */
  public AlertEventListener listener() {
    return queue;
  }

  public ApiFeature api() {
    return new NotifierApi(store, dispatcher);
  }

  public SingletonJob job() {
    return dispatcher;
  }

  @Override
  public void close() {
    dispatcher.close();
  }
}
