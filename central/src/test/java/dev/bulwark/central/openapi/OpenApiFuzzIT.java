package dev.bulwark.central.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.central.testing.ExternalPostgres;
import dev.bulwark.central.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property-based testing of the whole API surface with schemathesis (from PyPI, pinned and
 * installed by {@code e2e/fuzz/schemathesis}): requests generated from the served OpenAPI document,
 * valid and invalid, including stateful sequences that follow the document's links. Every response
 * must be a non-5xx with a status, content type and body the document declares. The seed of a
 * failing run is in its output (target/fuzz/schemathesis.log), to replay it with {@code --seed}.
 */
class OpenApiFuzzIT {
  private static final int TIME_BUDGET_SECONDS = 150;
  private static final String CHECKS =
      "not_a_server_error,status_code_conformance,content_type_conformance,"
          + "response_schema_conformance,negative_data_rejection,missing_required_header,"
          + "unsupported_method,ignored_auth";

  @Test
  void noGeneratedRequestGetsAServerErrorOrAnUndeclaredResponse(@TempDir Path data)
      throws Exception {
    Path script = repositoryFile("e2e/fuzz/schemathesis");
    installOrSkip(script);
    // On Debian's PostgreSQL: integration tests run from the packaged jar, beside which the
    // embedded binaries would be found twice.
    try (ExternalPostgres postgres = ExternalPostgres.start();
        TestServer central =
            TestServer.start(data.resolve("central"), postgres.fresh(), settings -> settings)) {
      TestServer.Sensor sensor = central.register("fuzzed");
      Path config = data.resolve("schemathesis.toml");
      try (InputStream in =
          Objects.requireNonNull(getClass().getResourceAsStream("/fuzz/schemathesis.toml"))) {
        Files.write(config, in.readAllBytes());
      }
      Map<String, String> environment =
          Map.of(
              "BULWARK_ADMIN_TOKEN", central.adminToken,
              "BULWARK_CLUSTER_ID", sensor.clusterId(),
              "BULWARK_SENSOR_TOKEN", sensor.token());
      List<String> target =
          List.of(
              "--config-file",
              config.toString(),
              "run",
              "https://localhost:" + central.port() + "/v1/openapi.json",
              "--tls-verify",
              central.dataDirectory.resolve("tls.crt").toString(),
              "--checks",
              CHECKS,
              // One worker: with several threads, Python 3.11's ast module (which hypothesis uses
              // to
              // describe strategies) can fail with "AST constructor recursion depth mismatch"
              // (CPython gh-106905), a crash of the tool that says nothing about the server.
              "--workers",
              "1",
              "--no-color");
      // Revoking runs last and alone: the stateful phase follows the token list to revocation
      // and would otherwise revoke the admin token the rest of the run depends on.
      schemathesis(
          script,
          "everything-but-revocation",
          environment,
          target,
          "--exclude-operation-id",
          "revokeToken",
          "--max-time",
          String.valueOf(TIME_BUDGET_SECONDS));
      schemathesis(
          script,
          "revocation",
          environment,
          target,
          "--include-operation-id",
          "revokeToken",
          "--phases",
          "coverage,fuzzing",
          "--max-time",
          "20");
    }
  }

  private static void schemathesis(
      Path script,
      String name,
      Map<String, String> environment,
      List<String> target,
      String... options)
      throws IOException, InterruptedException {
    Path directory = Path.of("target", "fuzz");
    Path log = directory.resolve("schemathesis-" + name + ".log");
    Files.createDirectories(directory);
    List<String> command = new ArrayList<>();
    command.add(script.toString());
    command.addAll(target);
    command.addAll(List.of(options));
    // schemathesis and hypothesis keep their caches in the working directory: keep them in target
    ProcessBuilder run =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    run.environment().putAll(environment);
    Process process = run.start();
    boolean finished = process.waitFor(TIME_BUDGET_SECONDS + 120, TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(finished)
        .as("schemathesis (%s) finished in time; output:%n%s", name, output)
        .isTrue();
    assertThat(process.exitValue())
        .as("schemathesis (%s) found problems:%n%s", name, output)
        .isZero();
    assertThat(output)
        .contains("API Operations:")
        .doesNotContain("Server error")
        .doesNotContain("Authentication failed");
  }

  /** Installs schemathesis; without Python or PyPI the test is skipped, or fails when CI=true. */
  private static void installOrSkip(Path script) throws IOException, InterruptedException {
    Process install =
        new ProcessBuilder(script.toString(), "--install-only").redirectErrorStream(true).start();
    String output = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean installed = install.waitFor(10, TimeUnit.MINUTES) && install.exitValue() == 0;
    String message = "schemathesis could not be installed: " + output;
    if ("true".equals(System.getenv("CI")) && !installed) {
      throw new IllegalStateException(message);
    }
    Assumptions.assumeTrue(installed, message);
  }

  private static Path repositoryFile(String relative) {
    Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path candidate = start; candidate != null; candidate = candidate.getParent()) {
      if (Files.isExecutable(candidate.resolve(relative))) {
        return candidate.resolve(relative);
      }
    }
    throw new IllegalStateException("no " + relative + " above " + start);
  }
}
