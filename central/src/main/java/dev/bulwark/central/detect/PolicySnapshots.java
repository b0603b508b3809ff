package dev.bulwark.central.detect;

import dev.bulwark.central.policies.PolicyStore;
import org.jspecify.annotations.Nullable;

/**
 * The enabled policies, compiled once per change of the stored policies: each request reads the
 * store's cheap {@link PolicyStore.Revision} and compiles again only when it moved. Thread-safe.
 */
final class PolicySnapshots {
  private final PolicyStore store;
  private @Nullable Snapshot current;
  private @Nullable BuildSnapshot currentBuild;

  PolicySnapshots(PolicyStore store) {
    this.store = store;
  }

  /** The enabled policies as they are now. */
  synchronized EnabledPolicies current() {
    PolicyStore.Revision revision = store.revision();
    Snapshot snapshot = current;
    if (snapshot == null || !snapshot.revision().equals(revision)) {
      snapshot = new Snapshot(revision, EnabledPolicies.compile(store.enabled()));
      current = snapshot;
    }
    return snapshot.policies();
  }

  /** The enabled BUILD-stage policies as they are now. */
  synchronized BuildPolicies build() {
    PolicyStore.Revision revision = store.revision();
    BuildSnapshot snapshot = currentBuild;
    if (snapshot == null || !snapshot.revision().equals(revision)) {
      snapshot = new BuildSnapshot(revision, BuildPolicies.compile(store.enabled()));
      currentBuild = snapshot;
    }
    return snapshot.policies();
  }

  private record Snapshot(PolicyStore.Revision revision, EnabledPolicies policies) {}

  private record BuildSnapshot(PolicyStore.Revision revision, BuildPolicies policies) {}
}
