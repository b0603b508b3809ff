package dev.bulwark.admission.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.admission.Reviews;
import dev.bulwark.admission.decision.Decision;
import dev.bulwark.admission.review.AdmissionRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTPS server end to end on loopback: answers, refusals, probes and metrics. */
class AdmissionServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int LIMIT = 64 * 1024;

  @TempDir Path tls;
  private final List<String> audited = new CopyOnWriteArrayList<>();
  private RunningServer running;

  @BeforeEach
  void start() throws Exception {
    running = new RunningServer(tls, this::audit, LIMIT);
  }

  @AfterEach
  void stop() {
    running.close();
  }

  private void audit(AdmissionRequest request, Decision decision) {
    audited.add(request.name() + ":" + decision.allowed());
  }

  @Test
  void deniesAViolatingObjectWithTheMessageAndRecordsIt() throws Exception {
    byte[] body =
        Reviews.review("CREATE", "shop", Reviews.deployment("web", "{\"privileged\": true}"), null);
    String uid = JSON.readTree(body).path("request").path("uid").asText();

    HttpResponse<String> response = running.post("/validate", body);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode review = JSON.readTree(response.body());
    assertThat(review.path("apiVersion").asText()).isEqualTo("admission.k8s.io/v1");
    assertThat(review.path("response").path("uid").asText()).isEqualTo(uid);
    assertThat(review.path("response").path("allowed").asBoolean()).isFalse();
    assertThat(review.path("response").path("status").path("code").asInt()).isEqualTo(403);
    assertThat(review.path("response").path("status").path("message").asText())
        .contains("privileged-container");
    assertThat(review.path("response").path("warnings")).isNotEmpty();
    assertThat(audited).containsExactly("web:false");
  }

  @Test
  void dryRunsAreEvaluatedButNotRecorded() throws Exception {
    String body =
        Reviews.text(
                Reviews.review(
                    "CREATE", "shop", Reviews.deployment("web", "{\"privileged\": true}"), null))
            .replace("\"operation\":\"CREATE\"", "\"operation\":\"CREATE\",\"dryRun\":true");

    HttpResponse<String> response =
        running.post("/validate", body.getBytes(StandardCharsets.UTF_8));

    assertThat(JSON.readTree(response.body()).path("response").path("allowed").asBoolean())
        .isFalse();
    assertThat(audited).isEmpty();
  }

  @Test
  void badBodiesGet4xxWithAMessageAndTheServerKeepsAnswering() throws Exception {
    HttpResponse<String> garbage =
        running.post("/validate", "{\"kind\":".getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> oversized = running.post("/validate", new byte[LIMIT + 1]);
    HttpResponse<String> wrongKind =
        running.post(
            "/validate",
            "{\"apiVersion\":\"v1\",\"kind\":\"Pod\"}".getBytes(StandardCharsets.UTF_8));

    assertThat(garbage.statusCode()).isEqualTo(400);
    assertThat(garbage.body()).startsWith("the body is not valid JSON");
    assertThat(oversized.statusCode()).isEqualTo(413);
    assertThat(oversized.body()).isEqualTo("the request body exceeds " + LIMIT + " bytes");
    assertThat(wrongKind.statusCode()).isEqualTo(400);
    assertThat(running.get("/healthz").body()).isEqualTo("ok");
    assertThat(running.get("/readyz").statusCode()).isEqualTo(200);
  }

  @Test
  void metricsCountReviewsDenialsAndRejections() throws Exception {
    running.post(
        "/validate",
        Reviews.review(
            "CREATE", "shop", Reviews.deployment("web", "{\"privileged\": true}"), null));
    running.post("/validate", "nope".getBytes(StandardCharsets.UTF_8));

    String metrics = running.get("/metrics").body();

    assertThat(metrics)
        .contains("bulwark_admission_reviews_total{operation=\"CREATE\",result=\"denied\"} 1.0")
        .contains("bulwark_admission_denials_total{policy=\"privileged-container\"} 1.0")
        .contains("bulwark_admission_rejected_requests_total 1.0")
        .contains("bulwark_admission_review_duration_seconds_bucket");
  }
}
