package dev.bulwark.vulndb.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A lock on a lock file, shared or exclusive, between processes (an OS file lock) and between
 * threads of this process (a lock per file, since the JDK refuses two overlapping file locks in one
 * process even when both are shared). Threads of one process therefore take even shared locks one
 * at a time, which costs nothing because readers hold their lock only while opening.
 */
final class StoreLock implements AutoCloseable {
  private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS =
      new ConcurrentHashMap<>();
  private static final long POLL_MILLIS = 20;

  private final ReentrantLock threadLock;
  private final FileChannel channel;
  private final FileLock fileLock;

  private StoreLock(ReentrantLock threadLock, FileChannel channel, FileLock fileLock) {
    this.threadLock = threadLock;
    this.channel = channel;
    this.fileLock = fileLock;
  }

  /**
   * Takes the lock on {@code file}, waiting up to {@code timeout}.
   *
   * @param purpose what the lock protects, for the message when it cannot be had
   * @throws StoreException when the lock is still held by another process or thread after the
   *     timeout, or the lock file cannot be created
   */
  static StoreLock acquire(Path file, boolean shared, Duration timeout, String purpose)
      throws StoreException {
    long deadline = System.nanoTime() + timeout.toNanos();
    ReentrantLock threadLock =
        IN_PROCESS.computeIfAbsent(file.toAbsolutePath().normalize(), key -> new ReentrantLock());
    if (threadLock.isHeldByCurrentThread()) {
      throw new StoreException("this thread already holds the lock " + file + " (" + purpose + ")");
    }
    try {
      if (!threadLock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        throw busy(file, timeout, purpose);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting for the lock " + file, e);
    }
    try {
      FileChannel channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock fileLock = poll(channel, shared, deadline);
      if (fileLock == null) {
        channel.close();
        throw busy(file, timeout, purpose);
      }
      return new StoreLock(threadLock, channel, fileLock);
    } catch (IOException e) {
      threadLock.unlock();
      throw new StoreException("cannot lock " + file + ": " + e.getMessage(), e);
    } catch (StoreException e) {
      threadLock.unlock();
      throw e;
    }
  }

  private static @Nullable FileLock poll(FileChannel channel, boolean shared, long deadline)
      throws IOException, StoreException {
    while (true) {
      FileLock lock = channel.tryLock(0, Long.MAX_VALUE, shared);
      if (lock != null || System.nanoTime() >= deadline) {
        return lock;
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreException("interrupted while waiting for a lock", e);
      }
    }
  }

  private static StoreException busy(Path file, Duration timeout, String purpose) {
    return new StoreException(
        "another bulwark process holds the lock "
            + file
            + " ("
            + purpose
            + "); gave up after "
            + timeout.toSeconds()
            + " s: wait for it to finish, or remove the lock file if no bulwark process runs");
  }

  @Override
  public void close() {
    try {
      fileLock.release();
      channel.close();
    } catch (IOException e) {
      // Closing the channel releases the lock in any case; nothing else to undo.
    } finally {
      threadLock.unlock();
    }
  }
}
