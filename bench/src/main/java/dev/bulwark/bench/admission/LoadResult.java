package dev.bulwark.bench.admission;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * What a run measured. Counts cover the requests due in the measured window (after warm-up).
 *
 * @param target how the controller ran ({@link Controller#description()})
 * @param sent requests due in the measured window, all of which were sent
 * @param achieved 200 answers that arrived within the measured window, per second
 * @param latencies from each request's scheduled send time to its answer (or failure)
 * @param allowed 200 answers that admitted the object
 * @param denied 200 answers that denied it
 * @param unexpected answers whose verdict differs from the body's expected one
 * @param non200 answers with another status (503 when the controller is saturated)
 * @param failed requests with no answer: connection errors, timeouts
 * @param invalid 200 answers that are not an AdmissionReview response for the request's uid
 * @param late requests sent more than 1 ms after they were due (the generator could not keep up, or
 *     {@code maxInFlight} requests were waiting); their wait counts in their latency
 * @param maxInFlight most requests awaiting an answer at once (counted as measured ones are sent)
 * @param serverCpu the controller's CPU use in the measured window, in % of one core, when known
 * @param clientCpu the generator's, likewise
 * @param machineCpu every process's on the machine (up to 100 % per core), when known: what is left
 *     after the controller and the generator is other work that shared the machine
 * @param firstError the first failure or unexpected status, for diagnosis
 * @param timeline one line per second of the run, warm-up included ({@link Timeline#lines()})
 */
public record LoadResult(
    LoadSettings settings,
    String target,
    long sent,
    double achieved,
    Latencies latencies,
    long allowed,
    long denied,
    long unexpected,
    long non200,
    long failed,
    long invalid,
    long late,
    int maxInFlight,
    OptionalDouble serverCpu,
    double clientCpu,
    OptionalDouble machineCpu,
    @Nullable String firstError,
    List<String> timeline) {
  public LoadResult {
    timeline = List.copyOf(timeline);
  }

  /** Non-200 answers, failed requests and invalid answers. */
  public long errors() {
    return non200 + failed + invalid;
  }

  /** One line of {@code key=value} pairs: the run's settings and results. */
  public String summary() {
    return String.format(
        Locale.ROOT,
        "admission-load target=%s rate=%.0f/s duration=%ds warmup=%ds sent=%d achieved=%.1f/s"
            + " p50=%s p90=%s p99=%s p99.9=%s max=%s errors=%d non200=%d failed=%d invalid=%d"
            + " allowed=%d denied=%d unexpected=%d late=%d maxInFlight=%d serverCpu=%s"
            + " clientCpu=%.0f%% machineCpu=%s",
        target,
        settings.rate(),
        settings.duration().toSeconds(),
        settings.warmUp().toSeconds(),
        sent,
        achieved,
        millis(latencies.p50()),
        millis(latencies.p90()),
        millis(latencies.p99()),
        millis(latencies.p999()),
        millis(latencies.max()),
        errors(),
        non200,
        failed,
        invalid,
        allowed,
        denied,
        unexpected,
        late,
        maxInFlight,
        percent(serverCpu),
        clientCpu,
        percent(machineCpu));
  }

  private static String percent(OptionalDouble value) {
    return value.isPresent()
        ? String.format(Locale.ROOT, "%.0f%%", value.getAsDouble())
        : "unknown";
  }

  private static String millis(long micros) {
    return String.format(Locale.ROOT, "%.2fms", micros / 1000.0);
  }
}
