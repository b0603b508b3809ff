package dev.bulwark.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SensorCommandTest {
  private static final String CLUSTER = "0b7c5e0e-6a49-4a43-9d4e-4f2b7b0f2a11";

  @TempDir Path directory;

  @Test
  void theRegistrationAnswerGivesTheClusterAndToken() throws Exception {
    Path file = directory.resolve("token.json");
    Files.writeString(
        file, "{\"id\": \"" + CLUSTER + "\", \"name\": \"prod\", \"token\": \"secret-token\"}");

    SensorCommand.Credentials credentials = SensorCommand.credentials(file, null);

    assertThat(credentials.cluster()).isEqualTo(UUID.fromString(CLUSTER));
    assertThat(credentials.token()).isEqualTo("secret-token");
  }

  @Test
  void aBareTokenTakesTheClusterFromTheOption() throws Exception {
    Path file = directory.resolve("token");
    Files.writeString(file, "secret-token\n");

    assertThat(SensorCommand.credentials(file, CLUSTER))
        .isEqualTo(new SensorCommand.Credentials(UUID.fromString(CLUSTER), "secret-token"));
  }

  @Test
  void aBareTokenWithoutTheClusterIsAUsageError() throws IOException {
    Path file = directory.resolve("token");
    Files.writeString(file, "secret-token");

    Run run = run("--central", "https://central:8443", "--token-file", file.toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("--cluster-id is required").doesNotContain("secret-token");
  }

  @Test
  void badOptionsAreUsageErrorsNamingTheOption() throws IOException {
    Path file = directory.resolve("token");
    Files.writeString(file, "secret-token");
    String token = file.toString();

    assertThat(run("--central", "ftp://x", "--token-file", token, "--cluster-id", CLUSTER).err())
        .contains("--central must be an https:// URL");
    assertThat(run("--central", "https://c", "--token-file", token, "--cluster-id", "x").err())
        .contains("--cluster-id: 'x' is not a cluster id");
    assertThat(
            run("--central", "https://c", "--token-file", directory.resolve("none").toString())
                .err())
        .contains("cannot read it");
    assertThat(
            run(
                    "--central",
                    "https://c",
                    "--token-file",
                    token,
                    "--cluster-id",
                    CLUSTER,
                    "--ca-file",
                    directory.resolve("none.pem").toString())
                .err())
        .contains("--ca-file");
    assertThat(run("--central", "https://c").code()).isEqualTo(2);
  }

  @Test
  void aClusterIdOtherThanTheTokenFilesIsRefused() throws IOException {
    Path file = directory.resolve("token.json");
    Files.writeString(file, "{\"id\": \"" + CLUSTER + "\", \"token\": \"t\"}");

    Run run =
        run(
            "--central",
            "https://c",
            "--token-file",
            file.toString(),
            "--cluster-id",
            UUID.randomUUID().toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("is not the cluster of the token file");
  }

  private record Run(int code, String err) {}

  private static Run run(String... arguments) {
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of("sensor"));
    all.addAll(List.of(arguments));
    int code =
        SensorMain.commandLine()
            .setErr(new PrintWriter(err))
            .setOut(new PrintWriter(new StringWriter()))
            .execute(all.toArray(String[]::new));
    return new Run(code, err.toString());
  }
}
