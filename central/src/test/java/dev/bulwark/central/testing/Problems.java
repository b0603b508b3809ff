package dev.bulwark.central.testing;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions on problem details responses. */
public final class Problems {
  private Problems() {}

  /** The response is RFC 9457 problem details with this status, code and (part of a) detail. */
  public static void assertProblem(
      ApiClient.Response response, int status, String code, String detail) {
    assertThat(response.status()).as(response.raw().body()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.body().get("type").asText()).isEqualTo("urn:bulwark:problem:" + code);
    assertThat(response.body().get("status").asInt()).isEqualTo(status);
    assertThat(response.body().get("title").asText()).isNotBlank();
    assertThat(response.body().get("detail").asText()).contains(detail);
    assertThat(response.body().get("instance").asText()).startsWith("/");
  }
}
