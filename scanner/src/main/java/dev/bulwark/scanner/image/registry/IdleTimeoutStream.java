package dev.bulwark.scanner.image.registry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A response body that fails when no byte arrives for a while. The JDK client times out only until
 * the headers arrive; a registry that then stalls would block a read forever. A watchdog interrupts
 * the thread blocked in {@code read} (the JDK's body stream turns that into an IOException) and the
 * read reports the stall. Interrupts happen only while a read of this stream is in progress.
 */
final class IdleTimeoutStream extends FilterInputStream {
  private static final ScheduledExecutorService WATCHDOG =
      Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "registry-body-watchdog");
        thread.setDaemon(true);
        return thread;
      });

  private final long timeoutNanos;
  private final String what;
  private final ScheduledFuture<?> check;
  private long lastProgress = System.nanoTime();
  private @Nullable Thread reader;
  private boolean timedOut;

  IdleTimeoutStream(InputStream in, Duration timeout, String what) {
    super(in);
    this.timeoutNanos = timeout.toNanos();
    this.what = what;
    long period = Math.max(10, timeout.toMillis() / 4);
    this.check =
        WATCHDOG.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int read = read(one, 0, 1);
    return read < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    synchronized (this) {
      reader = Thread.currentThread();
      lastProgress = System.nanoTime();
    }
    try {
      return super.read(buffer, offset, length);
    } catch (IOException e) {
      throw stalled(e);
    } finally {
      finishRead();
    }
  }

  private synchronized void finishRead() throws HttpTimeoutException {
    reader = null;
    lastProgress = System.nanoTime();
    if (timedOut) {
      // Clear an interrupt that landed after the data arrived: it was ours, not the caller's.
      Thread.interrupted();
      throw timeout();
    }
  }

  private synchronized IOException stalled(IOException e) {
    return timedOut ? timeout() : e;
  }

  private HttpTimeoutException timeout() {
    return new HttpTimeoutException(
        what + ": no data for " + Duration.ofNanos(timeoutNanos).toSeconds() + " s, giving up");
  }

  private synchronized void check() {
    if (reader != null && !timedOut && System.nanoTime() - lastProgress > timeoutNanos) {
      timedOut = true;
      reader.interrupt();
    }
  }

  @Override
  public void close() throws IOException {
    check.cancel(false);
    super.close();
  }
}
