package dev.bulwark.central.notifiers;

import dev.bulwark.central.alerts.AlertEvent;
import dev.bulwark.central.alerts.AlertSubject;
import dev.bulwark.central.jobs.SingletonJob;
import dev.bulwark.central.notifiers.channel.Channels;
import dev.bulwark.central.notifiers.channel.Configuration;
import dev.bulwark.central.notifiers.channel.DeliveryException;
import dev.bulwark.central.notifiers.channel.Outgoing;
import dev.bulwark.central.notifiers.channel.Timeouts;
import dev.bulwark.central.secrets.Secret;
import dev.bulwark.central.secrets.SecretException;
import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends queued deliveries: every few seconds, on one replica, each notifier with due deliveries
 * gets a task in a small pool that sends up to {@value #PER_NOTIFIER} of them, oldest first, and
 * stops at its first failure (the notifier is in backoff; the others carry on). A failure is
 * retried per {@link RetryPolicy} or, when permanent or out of attempts, given up. Outcomes are
 * recorded in the queue and in the notifier's status. Finished deliveries are pruned after 7 days.
 */
public final class NotificationDispatcher implements SingletonJob, AutoCloseable {
  /** How many deliveries one notifier may send per run, so a busy one does not hold the run. */
  static final int PER_NOTIFIER = 20;

  /** How long sent and given-up deliveries stay in the queue (and in the gave-up count). */
  static final Duration KEPT = Duration.ofDays(7);

  private static final int POOL = 4;
  private static final Logger LOG = LoggerFactory.getLogger(NotificationDispatcher.class);

  private final NotificationQueue queue;
  private final NotifierStore notifiers;
  private final Channels channels;
  private final RetryPolicy retries;
  private final Timeouts timeouts;
  private final Clock clock;
  private final ExecutorService pool;

  public NotificationDispatcher(
      NotificationQueue queue,
      NotifierStore notifiers,
      Channels channels,
      RetryPolicy retries,
      Timeouts timeouts,
      Clock clock) {
    this.queue = queue;
    this.notifiers = notifiers;
    this.channels = channels;
    this.retries = retries;
    this.timeouts = timeouts;
    this.clock = clock;
    this.pool =
        Executors.newFixedThreadPool(
            POOL,
            runnable -> Thread.ofPlatform().daemon().name("notification").unstarted(runnable));
  }

  @Override
  public String name() {
    return "deliver-notifications";
  }

  @Override
  public Duration interval() {
    return Duration.ofSeconds(5);
  }

  @Override
  public void run() throws InterruptedException {
    List<Future<?>> tasks = new ArrayList<>();
    for (UUID notifier : queue.dueNotifiers(clock.instant())) {
      tasks.add(pool.submit(() -> deliver(notifier)));
    }
    for (Future<?> task : tasks) {
      try {
        task.get();
      } catch (ExecutionException e) {
        LOG.warn("delivering notifications failed: {}", String.valueOf(e.getCause()));
      }
    }
    queue.prune(clock.instant().minus(KEPT));
  }

  /**
   * Sends a test message (a made-up new alert of a made-up deployment) to the notifier now, outside
   * the queue and without changing its status.
   *
   * @throws DeliveryException with the peer's error, without secrets
   */
  public void test(Notifier notifier) throws DeliveryException {
    Configuration configuration;
    try {
      configuration =
          notifiers
              .configuration(notifier.id())
              .orElseThrow(() -> new DeliveryException("the notifier was just deleted", true));
    } catch (SecretException e) {
      throw new DeliveryException(
          "the notifier's secrets cannot be opened: " + e.getMessage(), true);
    }
    try {
      send(notifier, new Outgoing(sample(), configuration, null, null, timeouts));
    } catch (DeliveryException e) {
      throw new DeliveryException(scrub(e.getMessage(), configuration), e.permanent());
    }
  }

  private void deliver(UUID notifierId) {
    Optional<Notifier> notifier = notifiers.find(notifierId);
    if (notifier.isEmpty()) {
      return;
    }
    Configuration configuration;
    try {
      configuration = notifiers.configuration(notifierId).orElseThrow();
    } catch (SecretException e) {
      String error = "the notifier's secrets cannot be opened: " + e.getMessage();
      notifiers.recordFailure(notifierId, error);
      LOG.warn("notifier '{}': {}", notifier.get().name(), error);
      return;
    }
    for (int sent = 0; sent < PER_NOTIFIER; sent++) {
      Instant now = clock.instant();
      Optional<Delivery> claimed = queue.claim(notifierId, now, now.plus(NotificationQueue.LEASE));
      if (claimed.isEmpty() || !attempt(notifier.get(), configuration, claimed.get())) {
        return;
      }
    }
  }

  /** Sends one delivery; false when it failed in a way that may pass (stop for this run). */
  private boolean attempt(Notifier notifier, Configuration configuration, Delivery delivery) {
    AlertEvent event = delivery.event();
    Outgoing message =
        new Outgoing(
            event,
            configuration,
            target(notifier.targetAnnotation(), event.subject()),
            event.kind() == AlertEvent.Kind.RESOLVED ? queue.reference(delivery) : null,
            timeouts);
    try {
      Optional<String> reference = send(notifier, message);
      queue.sent(delivery, reference.orElse(null));
      notifiers.recordSuccess(notifier.id());
      return true;
    } catch (DeliveryException e) {
      String error = scrub(String.valueOf(e.getMessage()), configuration);
      notifiers.recordFailure(notifier.id(), error);
      int attempts = delivery.attempts() + 1;
      if (e.permanent() || !retries.retries(attempts)) {
        queue.gaveUp(delivery, error);
        LOG.warn(
            "notifier '{}' gave up on {} after {} attempt(s): {}",
            notifier.name(),
            delivery.dedupKey(),
            attempts,
            error);
        return e.permanent();
      }
      Duration delay = retries.delay(attempts);
      queue.retryAt(delivery, clock.instant().plus(delay), error);
      LOG.info(
          "notifier '{}' failed to send {} (attempt {}), retrying in {} s: {}",
          notifier.name(),
          delivery.dedupKey(),
          attempts,
          delay.toSeconds(),
          error);
      return false;
    }
  }

  /**
   * Sends through the notifier's channel. A runtime exception (a value the JDK's clients refuse
   * although validation let it through) fails this delivery for good instead of leaving it claimed
   * and retried for ever.
   */
  private Optional<String> send(Notifier notifier, Outgoing message) throws DeliveryException {
    try {
      return channels.of(notifier.type()).send(message);
    } catch (RuntimeException e) {
      throw new DeliveryException("the message could not be sent: " + e, true, e);
    }
  }

  /** The annotation's value on the deployment, else on its namespace; null when neither has it. */
  static @Nullable String target(@Nullable String annotation, AlertSubject subject) {
    if (annotation == null) {
      return null;
    }
    String value = subject.annotations().get(annotation);
    if (value == null || value.isBlank()) {
      value = subject.namespaceAnnotations().get(annotation);
    }
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** The message with every secret of the notifier replaced, in case a peer echoed one. */
  static String scrub(@Nullable String message, Configuration configuration) {
    String scrubbed = String.valueOf(message);
    for (Secret secret : configuration.allSecrets()) {
      if (!secret.reveal().isEmpty()) {
        scrubbed = scrubbed.replace(secret.reveal(), "[secret]");
      }
    }
    return scrubbed;
  }

  private AlertEvent sample() {
    return new AlertEvent(
        AlertEvent.Kind.NEW,
        UUID.nameUUIDFromBytes("bulwark test notification".getBytes(StandardCharsets.UTF_8)),
        "test-cluster",
        new AlertSubject(
            new UUID(0, 0),
            "test",
            "bulwark-test",
            "Deployment",
            "test-notification",
            Map.of(),
            Map.of(),
            Map.of()),
        "bulwark-test-notification",
        "Bulwark test notification",
        Severity.LOW,
        LifecycleStage.DEPLOY,
        List.of("This is a test message from Bulwark central; the notifier works."),
        clock.instant());
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
