package dev.bulwark.central.jobs;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link SingletonJob}s on this replica when they are due and no other replica runs them.
 *
 * <p>How replicas agree: each job has a row in {@code singleton_jobs}. A replica that wants to run
 * a job locks the row with {@code SELECT ... FOR UPDATE SKIP LOCKED} in a transaction it keeps open
 * for the whole run; other replicas skip the locked row instead of waiting. The row says when the
 * job is next due ({@code next_run_at}, compared with the database's clock, so replicas with skewed
 * clocks agree), and the run's end moves it on by the job's interval in the same transaction. A
 * replica that dies mid-run loses its connection, PostgreSQL rolls the transaction back and the
 * lock goes with it, so another replica runs the job at its next poll. Each run holds one pooled
 * connection; a database that ends idle transactions ({@code idle_in_transaction_session_timeout})
 * must allow the longest run.
 *
 * <p>One thread polls every job in turn; {@link #runIfDue} may also be called directly (tests).
 * Thread-safe.
 */
public final class SingletonJobRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SingletonJobRunner.class);
  private static final Duration STOP_WAIT = Duration.ofSeconds(30);

  /** What {@link #runIfDue} did. */
  public enum Outcome {
    /** The job ran and finished. */
    RAN,
    /** The job ran and threw; the error is recorded. */
    FAILED,
    /** The job ran, on some replica, less than its interval ago. */
    NOT_DUE,
    /** Another replica (or another thread) is running the job right now. */
    BUSY
  }

  private final Jdbi jdbi;
  private final List<SingletonJob> jobs;
  private final String replica;
  private final Duration poll;
  private final CountDownLatch stop = new CountDownLatch(1);
  private @Nullable Thread thread;

  /**
   * @param replica names this replica in the jobs' rows (last_replica), e.g. host and process id
   * @param poll how often due jobs are looked for
   * @throws IllegalArgumentException when two jobs share a name or a name is not a job name
   */
  public SingletonJobRunner(Jdbi jdbi, List<SingletonJob> jobs, String replica, Duration poll) {
    Set<String> names = new HashSet<>();
    for (SingletonJob job : jobs) {
      if (!SingletonJob.NAME.matcher(job.name()).matches()) {
        throw new IllegalArgumentException(
            "job name '" + job.name() + "' is not lower-case words joined by hyphens");
      }
      if (!names.add(job.name())) {
        throw new IllegalArgumentException("two jobs are named '" + job.name() + "'");
      }
    }
    this.jdbi = jdbi;
    this.jobs = List.copyOf(jobs);
    this.replica = replica;
    this.poll = poll;
  }

  /** Starts polling in a background thread. */
  public synchronized void start() {
    if (thread != null || jobs.isEmpty()) {
      return;
    }
    Thread started = new Thread(this::loop, "singleton-jobs");
    started.setDaemon(true);
    started.start();
    thread = started;
  }

  /**
   * Runs {@code job} here if it is due and no other replica is running it; returns at once
   * otherwise.
   */
  public Outcome runIfDue(SingletonJob job) {
    register(job);
    try (Handle handle = jdbi.open()) {
      handle.begin();
      Optional<Boolean> due =
          handle
              .createQuery(
                  "SELECT next_run_at <= now() FROM singleton_jobs WHERE name = :name"
                      + " FOR UPDATE SKIP LOCKED")
              .bind("name", job.name())
              .mapTo(Boolean.class)
              .findOne();
      if (due.isEmpty() || !due.get()) {
        handle.rollback();
        return due.isEmpty() ? Outcome.BUSY : Outcome.NOT_DUE;
      }
      String error = run(job);
      handle
          .createUpdate(
              "UPDATE singleton_jobs SET last_started_at = now(),"
                  + " last_finished_at = clock_timestamp(), last_replica = :replica,"
                  + " last_error = :error,"
                  + " next_run_at = clock_timestamp() + :millis * interval '1 millisecond'"
                  + " WHERE name = :name")
          .bind("replica", replica)
          .bindByType("error", error, String.class)
          .bind("millis", job.interval().toMillis())
          .bind("name", job.name())
          .execute();
      handle.commit();
      return error == null ? Outcome.RAN : Outcome.FAILED;
    }
  }

  /** Stops polling; a run in progress may finish (up to 30 s), then it is interrupted. */
  @Override
  public void close() {
    stop.countDown();
    Thread running;
    synchronized (this) {
      running = thread;
    }
    if (running == null) {
      return;
    }
    try {
      running.join(STOP_WAIT.toMillis());
      if (running.isAlive()) {
        running.interrupt();
        running.join(STOP_WAIT.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void register(SingletonJob job) {
    jdbi.useHandle(handle ->
        handle
            .createUpdate(
                "INSERT INTO singleton_jobs (name, next_run_at) VALUES (:name, now())"
                    + " ON CONFLICT (name) DO NOTHING")
            .bind("name", job.name())
            .execute());
  }

  private static @Nullable String run(SingletonJob job) {
    try {
      job.run();
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    } catch (Exception e) {
      LOG.warn("job {} failed: {}", job.name(), e.toString());
      return e.toString();
    }
  }

  private void loop() {
    try {
      do {
        for (SingletonJob job : jobs) {
          if (stop.getCount() == 0) {
            return;
          }
          try {
            runIfDue(job);
          } catch (RuntimeException e) {
            // The database is away; the next poll tries again.
            LOG.warn("job {} could not be scheduled: {}", job.name(), e.getMessage());
          }
        }
      } while (!stop.await(poll.toMillis(), TimeUnit.MILLISECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
