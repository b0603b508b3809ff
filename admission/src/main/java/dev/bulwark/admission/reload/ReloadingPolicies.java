package dev.bulwark.admission.reload;

import dev.bulwark.admission.decision.AdmissionDecider;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decider the server uses, rebuilt when the policy or exception files change. A rebuild that
 * fails (an invalid policy, a file being written) keeps the last good decider and remembers why, so
 * a bad update never leaves the cluster without policies. Thread-safe: requests read the current
 * decider without locking; {@link #check} runs on one thread at a time.
 */
public final class ReloadingPolicies implements Supplier<AdmissionDecider> {
  private static final Logger LOG = LoggerFactory.getLogger(ReloadingPolicies.class);

  /** Builds a decider from the files; throws with a message saying what is wrong. */
  @FunctionalInterface
  public interface Loader {
    AdmissionDecider load();
  }

  private final List<Path> watched;
  private final Loader loader;
  private final AtomicReference<AdmissionDecider> current;
  private String fingerprint;
  private volatile @Nullable String lastFailure;

  /** Loads the first set; a failure here is the caller's (the controller does not start). */
  public ReloadingPolicies(List<Path> watched, Loader loader) {
    this.watched = List.copyOf(watched);
    this.loader = loader;
    this.fingerprint = Fingerprint.of(this.watched);
    this.current = new AtomicReference<>(loader.load());
  }

  @Override
  public AdmissionDecider get() {
    return current.get();
  }

  /** Why the last reload failed, or null when the files in force are the latest. */
  public @Nullable String lastFailure() {
    return lastFailure;
  }

  /** Rebuilds the decider if the files changed; returns whether a new one is in force. */
  public synchronized boolean check() {
    String now = Fingerprint.of(watched);
    if (now.equals(fingerprint)) {
      return false;
    }
    try {
      AdmissionDecider loaded = loader.load();
      current.set(loaded);
      fingerprint = now;
      lastFailure = null;
      LOG.info("policies reloaded from {}", watched);
      return true;
    } catch (RuntimeException e) {
      String reason = e.getMessage() == null ? e.toString() : e.getMessage();
      if (!reason.equals(lastFailure)) {
        LOG.error("policy reload failed, keeping the previous policies: {}", reason);
      }
      lastFailure = reason;
      return false;
    }
  }
}
