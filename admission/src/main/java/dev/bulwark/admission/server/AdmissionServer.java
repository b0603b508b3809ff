package dev.bulwark.admission.server;

import dev.bulwark.admission.decision.AdmissionDecider;
import dev.bulwark.admission.decision.AdmissionSettings;
import dev.bulwark.admission.decision.AuditSink;
import dev.bulwark.admission.decision.Decision;
import dev.bulwark.admission.decision.DecisionMessages;
import dev.bulwark.admission.review.AdmissionRequest;
import dev.bulwark.admission.review.AdmissionResponse;
import dev.bulwark.admission.review.AdmissionReviews;
import dev.bulwark.admission.review.InvalidReviewException;
import dev.bulwark.server.tls.HttpsConnector;
import dev.bulwark.server.tls.ServingCertificate;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook's HTTPS server (there is no plain-HTTP port): {@code POST /validate} answers
 * AdmissionReviews; {@code /healthz}, {@code /readyz} and {@code /metrics} serve probes and
 * Prometheus. Bad bodies get a 4xx with a message and never stop the server; the decider can be
 * swapped while it runs (policy reloads), and so can the certificate.
 */
public final class AdmissionServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AdmissionServer.class);
  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);

  private final Javalin app;
  private final HttpsConnector https;

  private AdmissionServer(Javalin app, HttpsConnector https) {
    this.app = app;
    this.https = https;
  }

  /** Starts serving; returns once the port is bound. */
  public static AdmissionServer start(
      ServerSettings settings,
      ServingCertificate certificate,
      Supplier<AdmissionDecider> decider,
      AdmissionSettings admission,
      AuditSink audit,
      AdmissionMetrics metrics) {
    AdmissionReviews reviews = new AdmissionReviews();
    HttpsConnector https =
        new HttpsConnector(certificate, settings.host(), settings.port(), IDLE_TIMEOUT);
    Handler handler =
        new Handler(
            reviews,
            decider,
            admission,
            audit,
            metrics,
            settings,
            new Semaphore(settings.maxConcurrent()));
    Javalin app =
        Javalin.create(config -> {
          config.startup.showJavalinBanner = false;
          config.http.maxRequestSize = settings.maxRequestBytes();
          config.jetty.addConnector(https::create);
          config.routes.post("/validate", handler::validate);
          config.routes.get("/healthz", ctx -> ctx.result("ok"));
          config.routes.get("/readyz", ctx -> ctx.result("ok"));
          config.routes.get(
              "/metrics",
              ctx -> ctx.contentType("text/plain; version=0.0.4").result(metrics.scrape()));
        });
    AdmissionServer server = new AdmissionServer(app, https);
    app.start();
    LOG.info("admission controller listening on https://{}:{}", settings.host(), server.port());
    return server;
  }

  public int port() {
    return app.port();
  }

  /** Serves a new certificate to new connections (rotation); existing ones keep theirs. */
  public void reload(ServingCertificate certificate) throws Exception {
    https.reload(certificate);
  }

  /** Stops accepting connections and lets requests in flight finish. */
  @Override
  public void close() {
    app.stop();
  }

  /** The /validate endpoint. */
  private record Handler(
      AdmissionReviews reviews,
      Supplier<AdmissionDecider> decider,
      AdmissionSettings admission,
      AuditSink audit,
      AdmissionMetrics metrics,
      ServerSettings settings,
      Semaphore evaluations) {
    void validate(Context ctx) throws IOException, InterruptedException {
      long started = System.nanoTime();
      if (!evaluations.tryAcquire(settings.queueWait().toMillis(), TimeUnit.MILLISECONDS)) {
        metrics.rejected();
        ctx.status(503).contentType("text/plain").result("overloaded: too many reviews at once");
        return;
      }
      try {
        answer(ctx, started);
      } finally {
        evaluations.release();
      }
    }

    private void answer(Context ctx, long started) throws IOException {
      byte[] body = readBounded(ctx.req().getInputStream(), settings.maxRequestBytes());
      if (body == null) {
        reject(ctx, 413, "the request body exceeds " + settings.maxRequestBytes() + " bytes");
        return;
      }
      AdmissionRequest request;
      Decision decision;
      try {
        request = reviews.read(body);
        decision = decider.get().decide(request);
      } catch (InvalidReviewException e) {
        reject(ctx, 400, String.valueOf(e.getMessage()));
        return;
      } catch (RuntimeException e) {
        metrics.error();
        LOG.error("evaluating an admission review failed", e);
        ctx.status(500).contentType("text/plain").result("evaluation failed: " + e);
        return;
      }
      AdmissionResponse response =
          decision.allowed()
              ? AdmissionResponse.allow(
                  request.uid(),
                  DecisionMessages.warnings(decision, admission.breakGlassAnnotation()))
              : AdmissionResponse.deny(
                  request.uid(),
                  DecisionMessages.denial(request, decision),
                  DecisionMessages.warnings(decision, admission.breakGlassAnnotation()));
      if (!request.dryRun()) {
        audit.record(request, decision);
      }
      ctx.contentType("application/json").result(reviews.write(response));
      metrics.answered(request, decision, Duration.ofNanos(System.nanoTime() - started));
    }

    private void reject(Context ctx, int status, String message) {
      metrics.rejected();
      ctx.status(status).contentType("text/plain; charset=utf-8").result(message);
    }

    /** The body, or null when it is longer than {@code limit}. */
    private static byte @Nullable [] readBounded(InputStream in, int limit) throws IOException {
      byte[] body = in.readNBytes(limit + 1);
      return body.length > limit ? null : body;
    }
  }
}
