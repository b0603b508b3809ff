package dev.bulwark.admission;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** AdmissionReview request bodies for tests, as the API server sends them. */
public final class Reviews {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Reviews() {}

  /** A review of {@code operation} on {@code object} (JSON), with {@code oldObject} on UPDATE. */
  public static byte[] review(
      String operation, String namespace, String object, @Nullable String oldObject) {
    try {
      ObjectNode parsed = (ObjectNode) MAPPER.readTree(object);
      ObjectNode review = MAPPER.createObjectNode();
      review.put("apiVersion", "admission.k8s.io/v1");
      review.put("kind", "AdmissionReview");
      ObjectNode request = review.putObject("request");
      request.put("uid", UUID.randomUUID().toString());
      String apiVersion = parsed.path("apiVersion").asText();
      int slash = apiVersion.indexOf('/');
      ObjectNode kind = request.putObject("kind");
      kind.put("group", slash < 0 ? "" : apiVersion.substring(0, slash));
      kind.put("version", apiVersion.substring(slash + 1));
      kind.put("kind", parsed.path("kind").asText());
      request
          .putObject("resource")
          .put("resource", parsed.path("kind").asText().toLowerCase() + "s");
      request.put("name", parsed.path("metadata").path("name").asText());
      request.put("namespace", namespace);
      request.put("operation", operation);
      request.putObject("userInfo").put("username", "alice");
      request.set("object", parsed);
      if (oldObject != null) {
        request.set("oldObject", MAPPER.readTree(oldObject));
      }
      return MAPPER.writeValueAsBytes(review);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  public static String deployment(String name, String containerSecurityContext) {
    return """
    {"apiVersion": "apps/v1", "kind": "Deployment",
     "metadata": {"name": "%s", "annotations": {}},
     "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "%s"}},
      "template": {"metadata": {"labels": {"app": "%s"}},
       "spec": {"containers": [{"name": "app", "image": "registry.example.com/app:1.0",
        "securityContext": %s}]}}}}
    """
        .formatted(name, name, name, containerSecurityContext);
  }

  public static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
