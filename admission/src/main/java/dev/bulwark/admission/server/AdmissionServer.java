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
import dev.bulwark.admission.tls.ServingCertificate;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
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

  /**
   * Connections the kernel may hold before they are accepted. The JDK's default of 50 overflowed
   * when a burst of reviews made the API server open connections in a rush: the kernel dropped the
   * SYNs (ListenOverflows), the clients resent them only after 1 s, and a stall of a few
   * milliseconds became one of seconds. The kernel caps it at net.core.somaxconn.
   */
  private static final int ACCEPT_QUEUE = 1024;

  private final Javalin app;
  private final SslContextFactory.Server tls;
  private final char[] keyStorePassword = randomPassword();

  private AdmissionServer(Javalin app, SslContextFactory.Server tls) {
    this.app = app;
    this.tls = tls;
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
    SslContextFactory.Server tls = new SslContextFactory.Server();
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
          config.jetty.addConnector((server, http) -> {
            http.addCustomizer(new SecureRequestCustomizer(false));
            ServerConnector connector =
                new ServerConnector(server, tls, new HttpConnectionFactory(http));
            connector.setHost(settings.host());
            connector.setPort(settings.port());
            connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
            connector.setAcceptQueueSize(ACCEPT_QUEUE);
            return connector;
          });
          config.routes.post("/validate", handler::validate);
          config.routes.get("/healthz", ctx -> ctx.result("ok"));
          config.routes.get("/readyz", ctx -> ctx.result("ok"));
          config.routes.get(
              "/metrics",
              ctx -> ctx.contentType("text/plain; version=0.0.4").result(metrics.scrape()));
        });
    AdmissionServer server = new AdmissionServer(app, tls);
    tls.setKeyStore(certificate.keyStore(server.keyStorePassword));
    tls.setKeyStorePassword(new String(server.keyStorePassword));
    tls.setIncludeProtocols("TLSv1.3", "TLSv1.2");
    app.start();
    LOG.info("admission controller listening on https://{}:{}", settings.host(), server.port());
    return server;
  }

  public int port() {
    return app.port();
  }

  /** Serves a new certificate to new connections (rotation); existing ones keep theirs. */
  public void reload(ServingCertificate certificate) throws Exception {
    tls.reload(factory -> factory.setKeyStore(certificate.keyStore(keyStorePassword)));
  }

  /** Stops accepting connections and lets requests in flight finish. */
  @Override
  public void close() {
    app.stop();
  }

  private static char[] randomPassword() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes).toCharArray();
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
