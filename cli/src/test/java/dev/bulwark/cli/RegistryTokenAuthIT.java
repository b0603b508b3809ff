package dev.bulwark.cli;

import static dev.bulwark.cli.CheckCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.cli.CheckCommandTest.Run;
import dev.bulwark.scanner.analyzer.registry.Analyzers;
import dev.bulwark.scanner.image.Image;
import dev.bulwark.scanner.image.Layer;
import dev.bulwark.scanner.image.ReadLimits;
import dev.bulwark.scanner.image.layer.LayerReader;
import dev.bulwark.scanner.image.registry.RegistryCredentials;
import dev.bulwark.scanner.image.source.ImageOptions;
import dev.bulwark.scanner.image.source.ImageSource;
import dev.bulwark.scanner.scan.ImageScanner;
import dev.bulwark.scanner.scan.ScanProgress;
import dev.bulwark.testsupport.image.TestImage;
import dev.bulwark.testsupport.registry.LocalRegistries;
import dev.bulwark.testsupport.registry.RealRegistry;
import dev.bulwark.testsupport.token.TokenServer;
import dev.bulwark.testsupport.token.TokenSigner;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bulwark image scan} against Debian's docker-registry configured for bearer tokens, which
 * it sends clients to get from our test {@link TokenServer} with their user name and password.
 */
@RealRegistry
class RegistryTokenAuthIT {
  private static final String REPOSITORY = "private/app";

  @TempDir static Path directory;
  private static String host;
  private static String reference;
  private static TokenServer tokens;

  @BeforeAll
  static void push(LocalRegistries registries) {
    Path layout = directory.resolve("layout");
    TestImage.builder()
        .layer(
            TestImage.layer()
                .file("etc/os-release", TestImage.DEBIAN_12_OS_RELEASE)
                .file(
                    "usr/lib/python3/dist-packages/requests-2.28.1.egg-info/PKG-INFO",
                    "Metadata-Version: 2.1\nName: requests\nVersion: 2.28.1\n\n"))
        .writeLayout(layout, "app");
    reference = registries.tokenAuth().push(layout, "app", REPOSITORY + ":1.0");
    host = registries.tokenAuth().host();
    tokens = registries.tokenServer();
  }

  private static Run scan(String password, String... options) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "image",
                "scan",
                reference,
                "--insecure",
                "--skip-db",
                "-o",
                "json",
                "--cache-dir",
                directory.resolve("cache-" + password.hashCode()).toString()));
    args.addAll(List.of(options));
    InputStream original = System.in;
    try {
      System.setIn(new ByteArrayInputStream((password + "\n").getBytes(StandardCharsets.UTF_8)));
      return run(args.toArray(String[]::new));
    } finally {
      System.setIn(original);
    }
  }

  private static Run scanAs(String password) {
    return scan(password, "--username", LocalRegistries.USERNAME, "--password-stdin");
  }

  @Test
  void pullsWithATokenForTheRepository() throws Exception {
    Run run = scanAs(LocalRegistries.PASSWORD);

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode requests = run.json().path("packages").get(0);
    assertThat(requests.path("name").asText()).isEqualTo("requests");
    assertThat(requests.path("version").asText()).isEqualTo("2.28.1");
    assertThat(tokens.grantedScopes()).contains("repository:" + REPOSITORY + ":pull");
  }

  @Test
  void wrongCredentialsAreAnInputErrorNamingTheUser() {
    int refusals = tokens.refusals();

    Run run = scanAs("wrong-password");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("authentication to registry " + host, "HTTP 401", LocalRegistries.USERNAME);
    assertThat(run.out()).isEmpty();
    assertThat(tokens.refusals()).isGreaterThan(refusals);
  }

  @Test
  void noCredentialsAreAnInputErrorAskingForThem() {
    Run run = scan("");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("registry " + host + " requires authentication");
  }

  @Test
  void countsTheBytesPulledOfEachLayerUpToItsSize() {
    Image image =
        ImageSource.open(
            reference,
            ImageOptions.defaults()
                .withInsecure(true)
                .withCredentials(
                    new RegistryCredentials(LocalRegistries.USERNAME, LocalRegistries.PASSWORD)));
    List<Long> totals = new ArrayList<>();
    ScanProgress progress =
        new ScanProgress() {
          @Override
          public void bytesRead(Layer layer, long total) {
            totals.add(total);
          }

          @Override
          public void layerDone(Layer layer, int count, boolean cached) {}
        };

    new ImageScanner(
            Analyzers.all(),
            new LayerReader(ReadLimits.DEFAULTS),
            null,
            progress,
            Clock.systemUTC())
        .scan(image);

    assertThat(totals).isNotEmpty().isSorted();
    assertThat(totals.getLast()).isEqualTo(image.layers().getFirst().size());
  }

  /** The registry really checks the tokens: signer, and scope. */
  @Test
  void theRegistryAcceptsOnlyTokensOfItsSignerForTheRepository() throws Exception {
    TokenSigner stranger = TokenSigner.generate(LocalRegistries.TOKEN_ISSUER);
    List<TokenSigner.Grant> pull =
        List.of(new TokenSigner.Grant("repository", REPOSITORY, List.of("pull")));
    List<TokenSigner.Grant> otherRepository =
        List.of(new TokenSigner.Grant("repository", "other/app", List.of("pull")));

    assertThat(manifestStatus(tokens.signer(), pull)).isEqualTo(200);
    assertThat(manifestStatus(stranger, pull)).isEqualTo(401);
    assertThat(manifestStatus(tokens.signer(), otherRepository)).isEqualTo(401);
  }

  private static int manifestStatus(TokenSigner signer, List<TokenSigner.Grant> access)
      throws Exception {
    String token =
        signer.sign(
            LocalRegistries.TOKEN_ISSUER,
            LocalRegistries.TOKEN_SERVICE,
            LocalRegistries.USERNAME,
            access,
            Instant.now(),
            TokenServer.LIFETIME);
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://" + host + "/v2/" + REPOSITORY + "/manifests/1.0"))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/vnd.oci.image.manifest.v1+json")
            .build();
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
  }
}
