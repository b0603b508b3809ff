package dev.bulwark.admission.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.admission.Reviews;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzz-style robustness: random bytes and mutations of real AdmissionReviews (truncations, flipped
 * and inserted bytes, swapped values, duplicated and deleted spans) sent to the running server.
 * Every answer is a well-formed AdmissionReview response for the request's uid (200) or a 4xx with
 * a message; never a 5xx, never a hang, and the server still answers afterwards. Seeds are fixed,
 * so a failure reproduces.
 */
class MalformedReviewsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CASES = 1500;

  @Test
  void everyMutatedBodyGetsAWellFormedAnswerOrA4xx(@TempDir Path tls) throws Exception {
    List<byte[]> seeds =
        List.of(
            Reviews.review(
                "CREATE", "shop", Reviews.deployment("web", "{\"privileged\": true}"), null),
            Reviews.review(
                "UPDATE",
                "shop",
                Reviews.deployment("web", "{}"),
                Reviews.deployment("web", "{\"runAsUser\": 0}")),
            Reviews.review(
                "CREATE",
                "",
                "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\"},"
                    + "\"spec\":{\"hostPID\":true,\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}",
                null));
    Random random = new Random(20261126L);
    List<String> problems = new ArrayList<>();
    int answered = 0;
    int refused = 0;
    try (RunningServer running = new RunningServer(tls, (request, decision) -> {}, 256 * 1024)) {
      for (int i = 0; i < CASES; i++) {
        byte[] body =
            i % 10 == 0 ? randomBytes(random) : mutate(seeds.get(i % seeds.size()), random);
        HttpResponse<String> response = running.post("/validate", body);
        if (response.statusCode() == 200) {
          answered++;
        } else {
          refused++;
        }
        String problem = problem(body, response);
        if (problem != null) {
          problems.add("case " + i + ": " + problem + "; body: " + abbreviate(body));
        }
      }
      assertThat(running.get("/healthz").body()).isEqualTo("ok");
    }
    assertThat(problems).isEmpty();
    assertThat(answered).as("mutations that still decode as reviews").isGreaterThan(CASES / 10);
    assertThat(refused).as("mutations refused with 4xx").isGreaterThan(CASES / 10);
  }

  /** What is wrong with the answer, or null when it is acceptable. */
  private static @Nullable String problem(byte[] body, HttpResponse<String> response) {
    int status = response.statusCode();
    if (status >= 400 && status < 500) {
      return response.body().isBlank() ? status + " without a message" : null;
    }
    if (status != 200) {
      return "status " + status + ": " + response.body();
    }
    try {
      JsonNode answer = JSON.readTree(response.body());
      String uid = JSON.readTree(body).path("request").path("uid").asText();
      JsonNode inner = answer.path("response");
      if (!"AdmissionReview".equals(answer.path("kind").asText())
          || !inner.path("uid").asText().equals(uid)
          || !inner.path("allowed").isBoolean()) {
        return "malformed answer " + response.body();
      }
      return null;
    } catch (java.io.IOException e) {
      return "a 200 for a body that is not JSON, or an answer that is not: " + e.getMessage();
    }
  }

  private static byte[] randomBytes(Random random) {
    byte[] bytes = new byte[random.nextInt(2048)];
    random.nextBytes(bytes);
    return bytes;
  }

  private static byte[] mutate(byte[] seed, Random random) {
    String text = new String(seed, StandardCharsets.UTF_8);
    int rounds = 1 + random.nextInt(4);
    for (int round = 0; round < rounds && !text.isEmpty(); round++) {
      int at = random.nextInt(text.length());
      text =
          switch (random.nextInt(7)) {
            case 0 -> text.substring(0, at);
            case 1 ->
                text.substring(0, at) + (char) (random.nextInt(95) + 32) + text.substring(at + 1);
            case 2 -> text.substring(0, at) + randomToken(random) + text.substring(at);
            case 3 -> {
              int end = Math.min(text.length(), at + random.nextInt(40));
              yield text.substring(0, at) + text.substring(end);
            }
            case 4 -> {
              int end = Math.min(text.length(), at + random.nextInt(60));
              yield text.substring(0, end) + text.substring(at, end) + text.substring(end);
            }
            case 5 -> text.replaceFirst("\"[a-zA-Z]+\":", "\"" + randomToken(random) + "\":");
            default ->
                text.replace("\"privileged\": true", "\"privileged\": " + randomToken(random));
          };
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String randomToken(Random random) {
    String[] tokens = {
      "null",
      "true",
      "[]",
      "{}",
      "\"\"",
      "-1",
      "1e999",
      "\"\\u0000\"",
      "[[[[[[[[",
      "}}",
      "\"x\":1,",
      "\"apiVersion\"",
      "{\"kind\":\"List\",\"items\":[]}",
      "99999999999999999999",
      "\"\\ud800\""
    };
    return tokens[random.nextInt(tokens.length)];
  }

  private static String abbreviate(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    return text.length() > 300 ? text.substring(0, 300) + "..." : text;
  }
}
