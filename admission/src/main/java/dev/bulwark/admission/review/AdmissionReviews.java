package dev.bulwark.admission.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Reads AdmissionReview requests and writes AdmissionReview responses ({@code admission.k8s.io/v1}
 * only, as the webhook configuration asks for). Reading is strict about what the controller needs
 * and lenient about the rest: unknown fields are ignored. Thread-safe.
 */
public final class AdmissionReviews {
  static final String API_VERSION = "admission.k8s.io/v1";
  private static final String KIND = "AdmissionReview";

  /** Deeper than any Kubernetes object; a bound against stack exhaustion. */
  private static final int MAX_NESTING = 200;

  private final ObjectMapper mapper =
      JsonMapper.builder()
          .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .build();

  public AdmissionReviews() {
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build());
  }

  /** The request of an AdmissionReview body. */
  public AdmissionRequest read(byte[] body) throws InvalidReviewException {
    JsonNode review;
    try {
      review = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw new InvalidReviewException("the body is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new InvalidReviewException("the body could not be read: " + e.getMessage(), e);
    }
    if (review == null || !review.isObject()) {
      throw new InvalidReviewException("expected an AdmissionReview object");
    }
    String apiVersion = text(review, "apiVersion");
    String kind = text(review, "kind");
    if (!API_VERSION.equals(apiVersion) || !KIND.equals(kind)) {
      throw new InvalidReviewException(
          "expected kind AdmissionReview of apiVersion "
              + API_VERSION
              + ", found "
              + (kind.isEmpty() ? "no kind" : kind)
              + " of "
              + (apiVersion.isEmpty() ? "no apiVersion" : apiVersion));
    }
    JsonNode request = review.get("request");
    if (request == null || !request.isObject()) {
      throw new InvalidReviewException("the AdmissionReview has no request");
    }
    String uid = text(request, "uid");
    if (uid.isEmpty()) {
      throw new InvalidReviewException("request.uid is missing");
    }
    JsonNode gvk = objectOrEmpty(request, "kind");
    JsonNode gvr = objectOrEmpty(request, "resource");
    return new AdmissionRequest(
        uid,
        text(gvk, "group"),
        text(gvk, "version"),
        text(gvk, "kind"),
        text(gvr, "resource"),
        text(request, "subResource"),
        text(request, "name"),
        text(request, "namespace"),
        operation(request),
        text(objectOrEmpty(request, "userInfo"), "username"),
        texts(objectOrEmpty(request, "userInfo"), "groups"),
        request.path("dryRun").asBoolean(false),
        object(request, "object"),
        object(request, "oldObject"),
        object(request, "options"));
  }

  /** The AdmissionReview response for {@code response}. */
  public byte[] write(AdmissionResponse response) {
    ObjectNode review = mapper.createObjectNode();
    review.put("apiVersion", API_VERSION);
    review.put("kind", KIND);
    ObjectNode body = review.putObject("response");
    body.put("uid", response.uid());
    body.put("allowed", response.allowed());
    if (!response.allowed()) {
      ObjectNode status = body.putObject("status");
      status.put("code", response.code());
      status.put("reason", "Forbidden");
      if (response.message() != null) {
        status.put("message", response.message());
      }
    }
    if (!response.warnings().isEmpty()) {
      ArrayNode warnings = body.putArray("warnings");
      response.warnings().forEach(warnings::add);
    }
    try {
      return mapper.writeValueAsBytes(review);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an AdmissionReview could not be written", e);
    }
  }

  private static Operation operation(JsonNode request) throws InvalidReviewException {
    String value = text(request, "operation");
    try {
      return Operation.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidReviewException(
          "request.operation must be CREATE, UPDATE, DELETE or CONNECT, found \"" + value + "\"");
    }
  }

  private static @Nullable ObjectNode object(JsonNode request, String field)
      throws InvalidReviewException {
    JsonNode value = request.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isObject()) {
      throw new InvalidReviewException("request." + field + " must be an object");
    }
    return (ObjectNode) value;
  }

  private static JsonNode objectOrEmpty(JsonNode parent, String field) {
    JsonNode value = parent.get(field);
    return value != null && value.isObject() ? value : MissingNode.getInstance();
  }

  private static List<String> texts(JsonNode parent, String field) {
    List<String> values = new ArrayList<>();
    JsonNode array = parent.get(field);
    if (array != null && array.isArray()) {
      array.forEach(value -> {
        if (value.isTextual()) {
          values.add(value.asText());
        }
      });
    }
    return values;
  }

  private static String text(JsonNode parent, String field) {
    JsonNode value = parent.get(field);
    return value != null && value.isTextual() ? value.asText() : "";
  }
}
