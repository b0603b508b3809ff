package dev.bulwark.central.inventory;

import dev.bulwark.central.jobs.SingletonJob;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates every deployment of every cluster again when the enabled policies or the exceptions in
 * force changed since the cluster's last full evaluation (so enabling, editing or deleting a
 * policy, or adding, changing, deleting or the expiry of an exception, opens and resolves alerts
 * without waiting for the cluster to change), and otherwise every {@link #MAX_AGE}. One cluster per
 * transaction; a crash leaves the rest for the next run.
 */
public final class Reprocessing implements SingletonJob {
  /** How long a full evaluation counts as current when the policies did not change. */
  public static final Duration MAX_AGE = Duration.ofHours(12);

  private static final Logger LOG = LoggerFactory.getLogger(Reprocessing.class);

  private final Inventory inventory;
  private final Duration interval;

  /**
   * @param interval how often to look for a changed policy set
   */
  public Reprocessing(Inventory inventory, Duration interval) {
    this.inventory = inventory;
    this.interval = interval;
  }

  @Override
  public String name() {
    return "inventory-reprocessing";
  }

  @Override
  public Duration interval() {
    return interval;
  }

  @Override
  public void run() {
    int evaluated = 0;
    for (UUID cluster : inventory.clusters()) {
      if (inventory.reprocess(cluster, MAX_AGE)) {
        evaluated++;
      }
    }
    if (evaluated > 0) {
      LOG.info("evaluated every deployment of {} cluster(s) again", evaluated);
    }
  }
}
