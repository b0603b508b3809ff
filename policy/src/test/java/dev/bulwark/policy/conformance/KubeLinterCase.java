package dev.bulwark.policy.conformance;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.manifest.ManifestObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * One test of kube-linter's end-to-end suite as the shared conformance data records it: run
 * kube-linter on {@code fixture} with only {@code includeChecks} (or the checks of {@code config}),
 * expect {@code expectedReportCount} reports whose first ones name the given kinds.
 *
 * @param config path of a kube-linter configuration file below the kube-linter folder, or null
 * @param doNotAutoAddDefaults kube-linter ran without its default checks
 * @param expectedReportCount null when kube-linter's test does not pin the count
 */
record KubeLinterCase(
    String test,
    String fixture,
    List<String> includeChecks,
    @Nullable String config,
    boolean doNotAutoAddDefaults,
    @Nullable Integer expectedReportCount,
    List<ExpectedReport> expectedReports) {
  private static final ObjectMapper JSON = new ObjectMapper();

  KubeLinterCase {
    includeChecks = List.copyOf(includeChecks);
    expectedReports = List.copyOf(expectedReports);
  }

  /**
   * What kube-linter's test says about the report at {@code index}: the object's kind, and its name
   * when the test prints it.
   */
  record ExpectedReport(int index, String kind, @Nullable String name, String text) {
    boolean isAbout(ManifestObject object) {
      return object.kind().equals(kind) && (name == null || object.name().equals(name));
    }

    static ExpectedReport parse(int index, String expected) {
      int colon = expected.indexOf(": ");
      String object = colon < 0 ? expected : expected.substring(0, colon);
      int space = object.indexOf(' ');
      return space < 0
          ? new ExpectedReport(index, object, null, expected)
          : new ExpectedReport(
              index, object.substring(0, space), object.substring(space + 1), expected);
    }
  }

  @Override
  public String toString() {
    return test;
  }

  /** The kube-linter folder of the shared conformance data; missing data fails on CI only. */
  static Path directory() {
    String root = System.getProperty("bulwark.conformance.dir", "../../shared/conformance");
    Path folder = Path.of(root, "kube-linter");
    if (!Files.isRegularFile(folder.resolve("expected_violations.json"))) {
      String message = "kube-linter conformance data not found at " + folder.toAbsolutePath();
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(message + " (set -Dbulwark.conformance.dir)");
      }
      Assumptions.abort(message);
    }
    return folder;
  }

  /** Every test of {@code expected_violations.json}, in file order. */
  static List<KubeLinterCase> all() {
    JsonNode root;
    try {
      root = JSON.readTree(directory().resolve("expected_violations.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<KubeLinterCase> cases = new ArrayList<>();
    for (JsonNode test : root) {
      List<String> checks = new ArrayList<>();
      test.path("includeChecks").forEach(check -> checks.add(check.asText()));
      List<ExpectedReport> reports = new ArrayList<>();
      for (JsonNode message : test.path("expectedMessages")) {
        reports.add(
            ExpectedReport.parse(
                message.path("reportIndex").asInt(), message.path("expected").asText()));
      }
      JsonNode count = test.path("expectedReportCount");
      JsonNode config = test.path("config");
      cases.add(
          new KubeLinterCase(
              test.path("test").asText(),
              test.path("fixture").asText(),
              checks,
              config.isTextual() ? config.asText() : null,
              test.path("doNotAutoAddDefaults").asBoolean(),
              count.isInt() ? count.asInt() : null,
              reports));
    }
    return cases;
  }
}
