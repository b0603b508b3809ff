package dev.bulwark.bench.admission;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bulwark admission-controller} in a JVM of its own, started from the generator's class path
 * (which holds the admission controller and its libraries) on a free loopback port, with a
 * generated CA in the work directory. Its output (the audit log: one line per review that found
 * something) goes to {@code controller.log} there, as a container's log would.
 */
final class SeparateJvmController implements Controller {
  /**
   * The JVM flags the {@code ./bulwark} launcher runs the controller with (its {@code JVM_OPTS} for
   * the admission module); keep the two in step.
   */
  static final List<String> LAUNCHER_JVM_OPTIONS =
      List.of("--sun-misc-unsafe-memory-access=allow", "-XX:+UseSerialGC", "-XX:-UsePerfData");

  private static final Pattern LISTENING = Pattern.compile("listening on (https://\\S+/validate)");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final URI url;
  private final String caPem;

  private SeparateJvmController(Process process, URI url, String caPem) {
    this.process = process;
    this.url = url;
    this.caPem = caPem;
  }

  /**
   * Starts the controller and waits until it listens.
   *
   * @param jvmOptions flags for the controller's JVM (heap, GC, JIT, profiler agents)
   * @throws IOException when it does not start; the message holds the end of its output
   */
  static SeparateJvmController start(List<String> jvmOptions, Path workDirectory)
      throws IOException, InterruptedException {
    Path log = workDirectory.resolve("controller.log");
    Path tls = workDirectory.resolve("tls");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            "dev.bulwark.admission.AdmissionMain",
            "admission-controller",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--tls-dir",
            tls.toString()));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    try {
      URI url = awaitListening(process, log);
      String caPem = Files.readString(tls.resolve("ca.crt"), StandardCharsets.US_ASCII);
      return new SeparateJvmController(process, url, caPem);
    } catch (IOException | InterruptedException | RuntimeException e) {
      stop(process);
      throw e;
    }
  }

  private static URI awaitListening(Process process, Path log)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      String output = Files.readString(log, StandardCharsets.UTF_8);
      Matcher listening = LISTENING.matcher(output);
      if (listening.find()) {
        return URI.create(listening.group(1));
      }
      if (!process.isAlive()) {
        throw new IOException(
            "the admission controller exited with code "
                + process.exitValue()
                + " before listening; its output:\n"
                + tail(output));
      }
      Thread.sleep(50);
    }
    throw new IOException(
        "the admission controller did not listen within "
            + START_TIMEOUT.toSeconds()
            + " s; its output:\n"
            + tail(Files.readString(log, StandardCharsets.UTF_8)));
  }

  private static String tail(String output) {
    return output.length() <= 4000 ? output : output.substring(output.length() - 4000);
  }

  @Override
  public URI url() {
    return url;
  }

  @Override
  public String caPem() {
    return caPem;
  }

  @Override
  public String description() {
    return "separate-jvm";
  }

  @Override
  public Optional<Duration> cpuTime() {
    return process.info().totalCpuDuration();
  }

  /** SIGTERM (the controller finishes reviews in flight), then SIGKILL after 10 s. */
  @Override
  public void close() {
    stop(process);
  }

  private static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
