package dev.bulwark.bench.admission;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code AdmissionLoad [RATE] [SECONDS] [WARMUP]}: sends the review mix to an admission controller
 * at a fixed rate and prints one summary line. By default it starts {@code bulwark
 * admission-controller} with the full built-in pack in a JVM of its own; {@code --url} and {@code
 * --ca} aim it at a running controller instead. Exit code 0 when every request got a 200 review
 * with the expected verdict, 1 otherwise, 2 for bad arguments.
 */
@Command(
    name = "admission-load",
    mixinStandardHelpOptions = true,
    description =
        "Open-loop load on a Bulwark admission controller: throughput and latency percentiles.")
public final class AdmissionLoad implements Callable<Integer> {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "RATE",
      description = "Requests per second. Default: 500.")
  double rate = 500;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "SECONDS",
      description = "Measured seconds. Default: 30.")
  int seconds = 30;

  @Parameters(
      index = "2",
      arity = "0..1",
      paramLabel = "WARMUP",
      description = "Warm-up seconds first. Default: 10.")
  int warmUp = 10;

  @Option(
      names = "--url",
      paramLabel = "URL",
      description = "A running controller's https://host:port/validate (needs --ca).")
  @Nullable URI url;

  @Option(names = "--ca", paramLabel = "FILE", description = "The CA of its certificate (PEM).")
  @Nullable Path ca;

  @Option(
      names = "--in-process",
      description =
          "Run the controller in this JVM (shares JIT and heap with the generator: for checks).")
  boolean inProcess;

  @Option(
      names = "--server-jvm-options",
      paramLabel = "FLAGS",
      description =
          "JVM flags of the controller's own JVM, space-separated. Default: the ./bulwark"
              + " launcher's (${DEFAULT-VALUE}).")
  String serverJvmOptions = String.join(" ", SeparateJvmController.LAUNCHER_JVM_OPTIONS);

  @Option(
      names = "--max-in-flight",
      paramLabel = "N",
      description = "Requests awaiting an answer at most. Default: ${DEFAULT-VALUE}.")
  int maxInFlight = 256;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "Chooses bodies and order. Default: ${DEFAULT-VALUE}.")
  long seed = 5;

  @Option(
      names = "--timeline",
      description =
          "Before the summary, print per second of the run: answers, answers over 5 ms, the"
              + " slowest.")
  boolean timeline;

  @Spec CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new AdmissionLoad()).execute(args));
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    CommandLine commandLine = spec.commandLine();
    if ((url == null) != (ca == null) || (url != null && inProcess)) {
      throw new CommandLine.ParameterException(
          commandLine, "--url and --ca go together, and not with --in-process");
    }
    LoadSettings settings =
        new LoadSettings(
            rate,
            Duration.ofSeconds(seconds),
            Duration.ofSeconds(warmUp),
            maxInFlight,
            Duration.ofSeconds(10),
            seed);
    LoadResult result = run(settings);
    PrintWriter out = commandLine.getOut();
    if (timeline) {
      result.timeline().forEach(out::println);
    }
    out.println(result.summary());
    out.flush();
    if (result.firstError() != null) {
      commandLine.getErr().println("first error: " + result.firstError());
    }
    return result.errors() == 0 && result.unexpected() == 0 ? 0 : 1;
  }

  /** Starts the controller unless one is given, runs the load, stops what it started. */
  LoadResult run(LoadSettings settings) throws IOException, InterruptedException {
    Path work = Files.createTempDirectory("bulwark-admission-load");
    try (Controller controller = controller(work)) {
      return OpenLoopLoad.run(controller, ReviewMix.bodies(settings.seed()), settings);
    } finally {
      delete(work);
    }
  }

  private Controller controller(Path work) throws IOException, InterruptedException {
    URI external = url;
    Path caFile = ca;
    if (external != null && caFile != null) {
      return new ExternalController(external, Files.readString(caFile, StandardCharsets.US_ASCII));
    }
    if (inProcess) {
      return InProcessController.start(work.resolve("tls"));
    }
    List<String> options = new ArrayList<>();
    Arrays.stream(serverJvmOptions.trim().split("\\s+"))
        .filter(option -> !option.isEmpty())
        .forEach(options::add);
    return SeparateJvmController.start(options, work);
  }

  private static void delete(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
