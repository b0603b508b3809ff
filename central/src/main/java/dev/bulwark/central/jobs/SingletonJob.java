package dev.bulwark.central.jobs;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Background work that must run on one replica at a time, however many replicas share the database:
 * notification dispatch, reprocessing, pruning. Implementations are stateless apart from the
 * database (a run may happen on any replica) and idempotent enough to be run again after a replica
 * died in the middle of a run. Register a job in {@code CentralServer}'s list of jobs.
 */
public interface SingletonJob {
  /** Job names: lower-case words joined by hyphens, e.g. {@code prune-ended-tokens}. */
  Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  /** The job's stable name, the key of its row in {@code singleton_jobs}; never rename it. */
  String name();

  /** The pause between the end of one run and the start of the next, on whichever replica. */
  Duration interval();

  /**
   * Does the work; no other replica runs this job meanwhile. An exception is recorded as the job's
   * last error, and the job runs again after the interval.
   */
  void run() throws Exception;
}
