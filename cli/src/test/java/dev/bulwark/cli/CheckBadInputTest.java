package dev.bulwark.cli;

import static dev.bulwark.cli.CheckCommandTest.run;
import static dev.bulwark.cli.CheckCommandTest.violations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.cli.CheckCommandTest.Run;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way {@code bulwark check} input can be bad, through the CLI: the run exits 2, names the
 * problem as {@code file:line:column: message} (or {@code file: message} without a position) on
 * standard error and in the JSON report's {@code errors}, and still checks the other inputs.
 */
class CheckBadInputTest {
  /** Hostile input must be refused in well under this, even on a slow CI machine. */
  private static final Duration QUICKLY = Duration.ofSeconds(20);

  private static final String GOOD =
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: good
      spec:
        hostNetwork: true
        containers:
          - name: app
            image: nginx:1.27
      """;

  static Stream<Arguments> badDocuments() {
    return Stream.of(
        Arguments.of(
            "malformed-mapping.yaml",
            """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
              labels: app: web
            """,
            5,
            14,
            "invalid YAML: mapping values are not allowed here"),
        Arguments.of(
            "tab-indented.yaml",
            "apiVersion: v1\nkind: Pod\nmetadata:\n\tname: web\n",
            4,
            1,
            "invalid YAML: found character '\\t(TAB)' that cannot start any token"),
        Arguments.of(
            "missing-comma.json",
            """
            {
              "apiVersion": "v1",
              "kind": "Pod"
              "metadata": {"name": "web"}
            }
            """,
            4,
            3,
            "invalid JSON: Unexpected character ('\"' (code 34)): was expecting comma"),
        Arguments.of(
            "trailing-comma.json",
            """
            {
              "apiVersion": "v1",
              "kind": "Pod",
              "metadata": {"name": "web",}
            }
            """,
            4,
            30,
            "invalid JSON: Unexpected character ('}' (code 125))"),
        Arguments.of(
            "duplicate-key.yaml",
            """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
            data:
              level: info
              level: debug
            """,
            7,
            3,
            "duplicate key \"level\" (first at line 6); remove one of them"),
        Arguments.of(
            "duplicate-key.json",
            """
            {"apiVersion": "v1", "kind": "Pod", "kind": "Service", "metadata": {"name": "web"}}
            """,
            1,
            37,
            "duplicate key \"kind\" (first at line 1); remove one of them"),
        Arguments.of(
            "no-kind.yaml",
            """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: fine}
            ---
            apiVersion: apps/v1
            metadata:
              name: web
            """,
            5,
            1,
            "object has no kind; add one next to apiVersion"),
        Arguments.of("billion-laughs.yaml", billionLaughs(), 11, 10, "refused as an alias bomb"),
        Arguments.of(
            "deep.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n  x: "
                + "[".repeat(5_000)
                + "]".repeat(5_000)
                + "\n",
            5,
            68,
            "nesting deeper than 64 levels"),
        Arguments.of(
            "deep.json",
            "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"deep\"},"
                + " \"data\": {\"x\": "
                + "{\"y\": ".repeat(5_000)
                + "1"
                + "}".repeat(5_000)
                + "}}\n",
            1,
            459,
            "nesting deeper than 64 levels"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badDocuments")
  void badDocumentIsReportedAtItsPositionAndTheRestIsChecked(
      String fileName, String content, int line, int column, String message, @TempDir Path dir)
      throws IOException {
    Path bad = write(dir.resolve(fileName), content);
    write(dir.resolve("zz-good.yaml"), GOOD);

    Run run = assertTimeoutPreemptively(QUICKLY, () -> run("check", dir.toString(), "-o", "json"));

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    JsonNode error = onlyError(run);
    assertThat(error.get("file").asText()).isEqualTo(bad.toString());
    assertThat(error.get("line").asInt()).isEqualTo(line);
    assertThat(error.get("column").asInt()).isEqualTo(column);
    assertThat(error.get("message").asText()).contains(message);
    assertThat(run.err().lines())
        .contains(bad + ":" + line + ":" + column + ": " + error.get("message").asText());
    assertGoodInputWasChecked(run);
  }

  @Test
  void hugeFileIsRefusedBeforeItIsRead(@TempDir Path dir) throws IOException {
    Path huge = dir.resolve("huge.yaml");
    try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
      // Sparse: the file claims 100 MB without the disk holding them.
      file.setLength(100L << 20);
    }
    Path good = write(dir.resolve("good.yaml"), GOOD);

    Run run =
        assertTimeoutPreemptively(
            QUICKLY, () -> run("check", huge.toString(), good.toString(), "-o", "json"));

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    JsonNode error = onlyError(run);
    assertThat(error.get("file").asText()).isEqualTo(huge.toString());
    assertThat(error.get("line").asInt()).isZero();
    assertThat(error.get("column").asInt()).isZero();
    assertThat(error.get("message").asText()).contains("104857600 bytes").contains("64 MiB");
    assertThat(run.err().lines()).contains(huge + ": " + error.get("message").asText());
    assertGoodInputWasChecked(run);
  }

  @Test
  void missingInputIsReportedAndTheRestIsChecked(@TempDir Path dir) throws IOException {
    Path missing = dir.resolve("absent.yaml");
    Path good = write(dir.resolve("good.yaml"), GOOD);

    Run run = run("check", missing.toString(), good.toString(), "-o", "json");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    JsonNode error = onlyError(run);
    assertThat(error.get("file").asText()).isEqualTo(missing.toString());
    assertThat(error.get("line").asInt()).isZero();
    assertThat(run.err().lines()).contains(missing + ": no such file or directory");
    assertGoodInputWasChecked(run);
  }

  @Test
  void errorsReachStandardErrorInEveryMachineFormat(@TempDir Path dir) throws IOException {
    Path bad = write(dir.resolve("bad.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: [x\n");
    String expected = bad + ":4:1: invalid YAML: ";
    for (String format : List.of("json", "sarif", "junit")) {
      Run run = run("check", bad.toString(), "-o", format);
      assertThat(run.exitCode()).as(format).isEqualTo(2);
      assertThat(run.err()).as(format).startsWith(expected);
    }
    Path report = dir.resolve("report.txt");
    Run toFile = run("check", bad.toString(), "--output", report.toString());
    assertThat(toFile.err()).startsWith(expected);
    assertThat(Files.readString(report)).contains(expected);
  }

  @Test
  void controlCharactersInErrorsCannotDriveTheTerminal(@TempDir Path dir) throws IOException {
    Path bad =
        write(
            dir.resolve("escape.yaml"),
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: e}\ndata:\n"
                + "  \"\\e[2J\": a\n  \"\\e[2J\": b\n");
    Run run = run("check", bad.toString(), "-o", "json");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(onlyError(run).get("message").asText()).contains("\u001B[2J");
    assertThat(run.err()).doesNotContain("\u001B").contains("\\u001B[2J");
  }

  @Test
  void invalidExceptionFileIsAUsageErrorNamingTheFileAndField(@TempDir Path dir)
      throws IOException {
    Path exceptions =
        write(
            dir.resolve("exceptions.yaml"),
            """
            apiVersion: bulwark.dev/v1alpha1
            kind: PolicyException
            metadata:
              name: host-tools
            spec:
              policies: ["host-network"]
              owner: platform-team@example.com
              reason: The node agent needs the host network.
              expires: next-tuesday
            """);
    Path good = write(dir.resolve("good.yaml"), GOOD);

    Run run = run("check", good.toString(), "--exceptions", exceptions.toString(), "-o", "json");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(exceptions + ":9:3: exception \"host-tools\": spec.expires: \"next-tuesday\"")
        .contains("2026-12-31");
  }

  @Test
  void missingPolicyPathIsAUsageErrorNamingIt(@TempDir Path dir) throws IOException {
    Path good = write(dir.resolve("good.yaml"), GOOD);
    Run run = run("check", good.toString(), "--policies", "no/such/policies.json", "-o", "json");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("no/such/policies.json: no such file or directory");
  }

  @Test
  void setWithoutEqualsIsAUsageError(@TempDir Path dir) throws IOException {
    Path good = write(dir.resolve("good.yaml"), GOOD);
    Run run = run("check", good.toString(), "--set", "image.tag", "-o", "json");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .contains("--set expects key=value")
        .contains("image.tag")
        .contains("Usage: bulwark check");
  }

  /** Nine levels of nine aliases each: about 10^9 nodes once expanded. */
  private static String billionLaughs() {
    StringBuilder yaml =
        new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: laughs}\ndata:\n");
    yaml.append(
        "  a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    String previous = "a";
    for (char name = 'b'; name <= 'j'; name++) {
      List<String> aliases = new ArrayList<>();
      for (int i = 0; i < 9; i++) {
        aliases.add("*" + previous);
      }
      yaml.append("  ").append(name).append(": &").append(name).append(" [");
      yaml.append(String.join(",", aliases)).append("]\n");
      previous = String.valueOf(name);
    }
    return yaml.toString();
  }

  private static JsonNode onlyError(Run run) throws IOException {
    JsonNode errors = run.json().get("errors");
    assertThat(errors).as(run.err()).hasSize(1);
    assertThat(run.json().get("summary").get("errors").asInt()).isEqualTo(1);
    return errors.get(0);
  }

  private static void assertGoodInputWasChecked(Run run) throws IOException {
    assertThat(violations(run.json(), "good", "host-network"))
        .as("the valid input beside the bad one is still checked")
        .hasSize(1);
  }

  private static Path write(Path file, String text) throws IOException {
    return Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
