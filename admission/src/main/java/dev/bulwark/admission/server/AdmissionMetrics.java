package dev.bulwark.admission.server;

import dev.bulwark.admission.decision.Decision;
import dev.bulwark.admission.decision.PolicyFindings;
import dev.bulwark.admission.images.AdmissionImageData;
import dev.bulwark.admission.review.AdmissionRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The controller's Prometheus metrics: reviews by operation and result, the latency histogram of
 * answered reviews, denials by policy, rejected requests, evaluation errors and the version of the
 * policy set in force.
 */
public final class AdmissionMetrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter rejected =
      Counter.builder("bulwark.admission.rejected.requests")
          .description("Requests answered 4xx: not a usable AdmissionReview, or too large")
          .register(registry);
  private final Counter errors =
      Counter.builder("bulwark.admission.evaluation.errors")
          .description("Reviews whose evaluation failed (answered 500)")
          .register(registry);

  private final Timer duration =
      Timer.builder("bulwark.admission.review.duration")
          .description("Time to read, decide and answer a review")
          .publishPercentileHistogram()
          .register(registry);

  private final MultiGauge policySet =
      MultiGauge.builder("bulwark.admission.policy.set.info")
          .description("The version of the policy set in force (always 1)")
          .register(registry);
  private Supplier<String> policySetVersion = () -> "";

  /** Meters are looked up once per tag set, not built and registered again per review. */
  private final Map<String, Counter> reviews = new ConcurrentHashMap<>();

  private final Map<String, Counter> denials = new ConcurrentHashMap<>();

  void answered(AdmissionRequest request, Decision decision, Duration took) {
    String result =
        decision.breakGlass() ? "break-glass" : decision.allowed() ? "allowed" : "denied";
    String operation = request.operation().name();
    reviews
        .computeIfAbsent(
            operation + " " + result,
            key ->
                Counter.builder("bulwark.admission.reviews")
                    .description("Answered AdmissionReviews")
                    .tag("operation", operation)
                    .tag("result", result)
                    .register(registry))
        .increment();
    duration.record(took);
    if (!decision.allowed()) {
      for (PolicyFindings findings : decision.blocking()) {
        denials
            .computeIfAbsent(
                findings.policy().id(),
                policy ->
                    Counter.builder("bulwark.admission.denials")
                        .description("Denied reviews by enforced policy")
                        .tag("policy", policy)
                        .register(registry))
            .increment();
      }
    }
  }

  /** Exposes how image lookups were answered: cache, scan, nothing, deadline passed. */
  public void watch(AdmissionImageData images) {
    FunctionCounter.builder(
            "bulwark.admission.image.lookups", images, data -> data.counts().cacheHits())
        .tag("answer", "cache")
        .register(registry);
    FunctionCounter.builder(
            "bulwark.admission.image.lookups", images, data -> data.counts().scanned())
        .tag("answer", "scan")
        .register(registry);
    FunctionCounter.builder(
            "bulwark.admission.image.lookups", images, data -> data.counts().missing())
        .tag("answer", "none")
        .register(registry);
    FunctionCounter.builder(
            "bulwark.admission.image.lookups", images, data -> data.counts().timedOut())
        .tag("answer", "deadline")
        .register(registry);
  }

  void rejected() {
    rejected.increment();
  }

  void error() {
    errors.increment();
  }

  /** Exposes the version of the policy set in force, as {@code version} tells it now. */
  public synchronized void watchPolicySet(Supplier<String> version) {
    policySetVersion = version;
  }

  /** The Prometheus text exposition, as {@code GET /metrics} serves it. */
  public synchronized String scrape() {
    String version = policySetVersion.get();
    // One row, replaced when a reload changed the version.
    policySet.register(
        version.isEmpty()
            ? List.of()
            : List.of(MultiGauge.Row.of(Tags.of("fingerprint", version), 1)),
        true);
    return registry.scrape();
  }
}
