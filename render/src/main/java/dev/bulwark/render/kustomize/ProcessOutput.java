package dev.bulwark.render.kustomize;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What one {@code kubectl kustomize} run printed. Both streams are drained concurrently so that a
 * full stderr pipe cannot block the process while stdout is read.
 *
 * @param stdoutTruncated stdout went beyond the byte limit; the rest was discarded
 * @param timedOut the process did not finish in time and was killed
 */
record ProcessOutput(
    int exitCode, String stdout, boolean stdoutTruncated, String stderr, boolean timedOut) {
  /** Error output beyond this many bytes is not worth showing to anyone. */
  private static final int MAX_STDERR_BYTES = 8 << 10;

  static ProcessOutput run(Path kubectl, Path directory, long maxStdoutBytes, Duration timeout)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(kubectl.toString(), "kustomize", directory.toString()).start();
    process.getOutputStream().close();
    BoundedCapture stdout = BoundedCapture.start(process.getInputStream(), maxStdoutBytes);
    BoundedCapture stderr = BoundedCapture.start(process.getErrorStream(), MAX_STDERR_BYTES);
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        kill(process);
        return new ProcessOutput(-1, "", false, stderr.text().strip(), true);
      }
      return new ProcessOutput(
          process.exitValue(), stdout.text(), stdout.truncated(), stderr.text().strip(), false);
    } finally {
      kill(process);
    }
  }

  /**
   * Kills the process and whatever it started (git, for remote bases): a child still holding the
   * pipes would keep the readers waiting forever.
   */
  private static void kill(Process process) throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly().waitFor();
  }

  /** Reads a stream to its end on its own thread, keeping at most {@code limit} bytes. */
  private static final class BoundedCapture implements Runnable {
    private final InputStream input;
    private final long limit;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final Thread thread;
    private boolean truncated;

    private BoundedCapture(InputStream input, long limit) {
      this.input = input;
      this.limit = limit;
      this.thread = Thread.ofVirtual().unstarted(this);
    }

    static BoundedCapture start(InputStream input, long limit) {
      BoundedCapture capture = new BoundedCapture(input, limit);
      capture.thread.start();
      return capture;
    }

    @Override
    public void run() {
      byte[] buffer = new byte[8192];
      try (input) {
        for (int read = input.read(buffer); read >= 0; read = input.read(buffer)) {
          long room = Math.max(0, limit - kept.size());
          kept.write(buffer, 0, (int) Math.min(room, read));
          truncated |= read > room;
        }
      } catch (IOException e) {
        // The process was killed or closed its end; what was read so far is all there is.
      }
    }

    /** Waits for the stream to end (the process has exited or been killed). */
    String text() throws InterruptedException {
      thread.join();
      return kept.toString(StandardCharsets.UTF_8);
    }

    boolean truncated() throws InterruptedException {
      thread.join();
      return truncated;
    }
  }
}
