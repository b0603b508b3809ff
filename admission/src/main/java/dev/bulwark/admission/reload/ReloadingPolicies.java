package dev.bulwark.admission.reload;

import dev.bulwark.admission.decision.AdmissionDecider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decider the server uses, rebuilt when the policy or exception files change. A rebuild that
 * fails (an invalid policy, a file being written) keeps the last good decider and remembers why, so
 * a bad update never leaves the cluster without policies. Knows which version of the policy set is
 * in force: the fingerprint in the version file (the sensor's ConfigMap carries central's), else a
 * digest of the files. Thread-safe: requests read the current decider without locking; {@link
 * #check} runs on one thread at a time.
 */
public final class ReloadingPolicies implements Supplier<AdmissionDecider> {
  private static final Logger LOG = LoggerFactory.getLogger(ReloadingPolicies.class);

  /** Builds a decider from the files; throws with a message saying what is wrong. */
  @FunctionalInterface
  public interface Loader {
    AdmissionDecider load();
  }

  private final List<Path> watched;
  private final @Nullable Path versionFile;
  private final Loader loader;
  private final AtomicReference<Loaded> current;
  private String fingerprint;
  private volatile @Nullable String lastFailure;

  /** A decider and the version of the set it decides with. */
  private record Loaded(AdmissionDecider decider, String version) {}

  /**
   * Loads the first set; a failure here is the caller's (the controller does not start).
   *
   * @param versionFile a file naming the set's version (its first line), watched with the others;
   *     null when the files carry none
   */
  public ReloadingPolicies(List<Path> watched, @Nullable Path versionFile, Loader loader) {
    List<Path> all = new ArrayList<>(watched);
    if (versionFile != null) {
      all.add(versionFile);
    }
    this.watched = List.copyOf(all);
    this.versionFile = versionFile;
    this.loader = loader;
    this.fingerprint = Fingerprint.of(this.watched);
    this.current = new AtomicReference<>(load(fingerprint));
  }

  @Override
  public AdmissionDecider get() {
    return current.get().decider();
  }

  /**
   * The version of the set in force: the version file's fingerprint, else {@code files:} and a
   * digest of the policy and exception files.
   */
  public String version() {
    return current.get().version();
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
      Loaded loaded = load(now);
      current.set(loaded);
      fingerprint = now;
      lastFailure = null;
      LOG.info("policies reloaded from {}: policy set {}", watched, loaded.version());
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

  private Loaded load(String filesFingerprint) {
    String version = versionFile == null ? "files:" + filesFingerprint : version(versionFile);
    return new Loaded(loader.load(), version);
  }

  private static String version(Path file) {
    String line;
    try {
      line = Files.readString(file).lines().findFirst().orElse("").strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the policy set's version in " + file, e);
    }
    if (line.isEmpty() || line.length() > 256 || line.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          file + " does not name a policy set version (one line of 1 to 256 characters)");
    }
    return line;
  }
}
