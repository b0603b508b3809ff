package dev.bulwark.admission.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.admission.Reviews;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdmissionReviewsTest {
  private final AdmissionReviews reviews = new AdmissionReviews();

  @Test
  void readsWhatTheControllerNeeds() throws InvalidReviewException {
    byte[] body =
        Reviews.review(
            "UPDATE", "shop", Reviews.deployment("web", "{}"), Reviews.deployment("web", "{}"));

    AdmissionRequest request = reviews.read(body);

    assertThat(request.uid()).isNotBlank();
    assertThat(request.group()).isEqualTo("apps");
    assertThat(request.version()).isEqualTo("v1");
    assertThat(request.kind()).isEqualTo("Deployment");
    assertThat(request.namespace()).isEqualTo("shop");
    assertThat(request.name()).isEqualTo("web");
    assertThat(request.operation()).isEqualTo(Operation.UPDATE);
    assertThat(request.username()).isEqualTo("alice");
    assertThat(request.dryRun()).isFalse();
    assertThat(request.object()).isNotNull();
    assertThat(request.oldObject()).isNotNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'{\"apiVersion\":'|the body is not valid JSON",
        "'[]'|expected an AdmissionReview object",
        "'{\"apiVersion\":\"admission.k8s.io/v1beta1\",\"kind\":\"AdmissionReview\"}'|expected kind"
            + " AdmissionReview of apiVersion admission.k8s.io/v1, found AdmissionReview of"
            + " admission.k8s.io/v1beta1",
        "'{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\"}'|the"
            + " AdmissionReview has no request",
        "'{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{}}'|request.uid"
            + " is missing",
        "'{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"1\",\"operation\":\"PATCH\"}}'|request.operation"
            + " must be CREATE, UPDATE, DELETE or CONNECT, found \"PATCH\"",
        "'{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"1\",\"operation\":\"CREATE\",\"object\":[1]}}'|request.object"
            + " must be an object",
        "'{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\"} {}'|the body is not"
            + " valid JSON",
        "'{\"apiVersion\":\"admission.k8s.io/v1\",\"apiVersion\":\"x\"}'|the body is not valid"
            + " JSON",
      })
  void rejectsWhatIsNotAUsableReviewWithTheReason(String body, String reason) {
    assertThatThrownBy(() -> reviews.read(body.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidReviewException.class)
        .hasMessageStartingWith(reason);
  }

  @Test
  void deeplyNestedBodiesAreRejectedNotAStackOverflow() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);

    assertThatThrownBy(() -> reviews.read(deep.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidReviewException.class)
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void writesAllowedAndDeniedResponses() {
    String allowed = text(reviews.write(AdmissionResponse.allow("u1", List.of("careful"))));
    String denied = text(reviews.write(AdmissionResponse.deny("u2", "no \"way\"", List.of())));

    assertThat(allowed)
        .isEqualTo(
            "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"response\":"
                + "{\"uid\":\"u1\",\"allowed\":true,\"warnings\":[\"careful\"]}}");
    assertThat(denied)
        .isEqualTo(
            "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"response\":"
                + "{\"uid\":\"u2\",\"allowed\":false,\"status\":{\"code\":403,\"reason\":"
                + "\"Forbidden\",\"message\":\"no \\\"way\\\"\"}}}");
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
