package dev.bulwark.scanner.results;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Runs at most one task per key at a time: a caller asking for a key whose task is still running
 * gets that task's future. Once a task is done its key is forgotten, so that a long-running process
 * keeps nothing and a later call runs anew (and finds what the first one stored). Thread-safe.
 */
final class SingleFlight<K, V> {
  private final ConcurrentMap<K, CompletableFuture<V>> running = new ConcurrentHashMap<>();
  private final Executor executor;

  SingleFlight(Executor executor) {
    this.executor = executor;
  }

  /** The running task for the key, else {@code task} started on the executor. */
  CompletableFuture<V> run(K key, Supplier<V> task) {
    CompletableFuture<V> started = new CompletableFuture<>();
    CompletableFuture<V> existing = running.putIfAbsent(key, started);
    if (existing != null) {
      return existing;
    }
    try {
      executor.execute(() -> {
        try {
          started.complete(task.get());
        } catch (RuntimeException | Error e) {
          started.completeExceptionally(e);
        } finally {
          running.remove(key, started);
        }
      });
    } catch (RuntimeException e) {
      // A rejected task (the executor is shut down) must not leave a future nobody completes.
      running.remove(key, started);
      started.completeExceptionally(e);
    }
    return started;
  }
}
