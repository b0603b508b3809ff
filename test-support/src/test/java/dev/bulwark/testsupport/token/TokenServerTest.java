package dev.bulwark.testsupport.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The token server's answers and the tokens it signs, checked as a registry would. */
class TokenServerTest {
  private static final String BASIC =
      "Basic "
          + Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8));
  private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");

  private static TokenServer server;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    server = TokenServer.start("registry.test", "tokens.test", "alice", "secret");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> get(String query, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.realm() + "?" + query));
    if (!authorization.isEmpty()) {
      request.header("Authorization", authorization);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String part(String token, int index) {
    return new String(
        Base64.getUrlDecoder().decode(token.split("\\.")[index]), StandardCharsets.UTF_8);
  }

  @Test
  void issuesASignedTokenForTheRequestedScopes() throws Exception {
    HttpResponse<String> response =
        get(
            "service=registry.test&scope=repository%3Ateam%2Fapp%3Apull%2Cpush"
                + "&scope=repository%3Aother%3Apull&account=alice",
            BASIC);

    assertThat(response.statusCode()).isEqualTo(200);
    Matcher matcher = TOKEN.matcher(response.body());
    assertThat(matcher.find()).isTrue();
    String token = matcher.group(1);
    String header = part(token, 0);
    String claims = part(token, 1);
    assertThat(header).contains("\"alg\":\"ES256\"", "\"typ\":\"JWT\"");
    String x5c = header.replaceAll(".*\"x5c\":\\[\"([^\"]+)\"].*", "$1");
    X509Certificate certificate =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(x5c)));
    assertThat(certificate).isEqualTo(server.signer().certificate());
    assertThat(claims)
        .contains(
            "\"iss\":\"tokens.test\"",
            "\"aud\":\"registry.test\"",
            "\"sub\":\"alice\"",
            "{\"type\":\"repository\",\"name\":\"team/app\",\"actions\":[\"pull\",\"push\"]}",
            "{\"type\":\"repository\",\"name\":\"other\",\"actions\":[\"pull\"]}");
    long issuedAt = Long.parseLong(claims.replaceAll(".*\"iat\":(\\d+).*", "$1"));
    long expires = Long.parseLong(claims.replaceAll(".*\"exp\":(\\d+).*", "$1"));
    assertThat(expires - issuedAt).isEqualTo(TokenServer.LIFETIME.toSeconds());

    Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
    verifier.initVerify(certificate.getPublicKey());
    verifier.update(token.substring(0, token.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII));
    byte[] signature = Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1));
    assertThat(signature).hasSize(64);
    assertThat(verifier.verify(signature)).isTrue();
    assertThat(server.grantedScopes())
        .containsSubsequence("repository:team/app:pull,push", "repository:other:pull");
  }

  @Test
  void refusesWrongOrMissingCredentials() throws Exception {
    int before = server.refusals();
    String wrong =
        "Basic "
            + Base64.getEncoder().encodeToString("alice:nope".getBytes(StandardCharsets.UTF_8));

    HttpResponse<String> refused = get("service=registry.test", wrong);
    HttpResponse<String> anonymous = get("service=registry.test", "");

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.body()).contains("UNAUTHORIZED");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(value -> assertThat(value).startsWith("Basic "));
    assertThat(server.refusals()).isEqualTo(before + 2);
  }

  @Test
  void refusesAnotherServiceAndMalformedScopes() throws Exception {
    assertThat(get("service=elsewhere", BASIC).statusCode()).isEqualTo(400);
    assertThat(get("service=registry.test&scope=repository%3Aapp", BASIC).statusCode())
        .isEqualTo(400);
  }

  @Test
  void theCertificatePemIsTheSigningCertificate() throws Exception {
    X509Certificate parsed =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new ByteArrayInputStream(
                        server.signer().certificatePem().getBytes(StandardCharsets.US_ASCII)));
    assertThat(parsed).isEqualTo(server.signer().certificate());
    assertThat(parsed.getBasicConstraints()).isNotNegative();
  }
}
