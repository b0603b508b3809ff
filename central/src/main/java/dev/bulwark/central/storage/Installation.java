package dev.bulwark.central.storage;

import org.jdbi.v3.core.Handle;

/** The one row of the {@code installation} table, which every replica shares. */
public final class Installation {
  private Installation() {}

  /**
   * Locks the installation row until the caller's transaction ends: the mutex of the rare
   * operations that must not run on two replicas at once (creating the first admin token, revoking
   * admin tokens, recording the secrets key).
   */
  public static void lock(Handle handle) {
    handle.createQuery("SELECT singleton FROM installation FOR UPDATE").mapTo(Boolean.class).one();
  }
}
