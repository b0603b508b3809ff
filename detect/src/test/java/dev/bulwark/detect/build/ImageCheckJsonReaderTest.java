package dev.bulwark.detect.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.detect.report.WaiverInfo;
import dev.bulwark.policy.io.PolicyReader;
import dev.bulwark.policy.model.Policy;
import dev.bulwark.scanner.analyzer.Note;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An image check's JSON read back gives the same JSON, counts and build verdict. */
class ImageCheckJsonReaderTest {
  private static final String DIGEST =
      "sha256:abababababababababababababababababababababababababababababababab";

  private static Policy policy(String id, String actions) {
    return PolicyReader.parse(
            """
            {"id": "%s", "name": "policy %s", "categories": ["Test"],
             "lifecycleStages": ["BUILD"], "severity": "HIGH_SEVERITY",
             "enforcementActions": [%s],
             "policySections": [{"policyGroups": [{"fieldName": "Image Tag",
                                                   "values": [{"value": "latest"}]}]}]}
            """
                .formatted(id, id, actions),
            id + ".json")
        .getFirst();
  }

  private static ImageCheckReport report() {
    Policy failing = policy("failing", "\"FAIL_BUILD_ENFORCEMENT\"");
    Policy waived = policy("waived", "\"FAIL_BUILD_ENFORCEMENT\"");
    return new ImageCheckReport(
        "1.2.3",
        CheckedImage.of("registry.example.com/team/app:latest", null, DIGEST),
        "debian:12",
        Path.of("/var/lib/bulwark/db"),
        List.of(
            new PolicyResult(
                failing,
                PolicyResult.Status.VIOLATED,
                List.of(new ImageViolation("Image has tag \"latest\"", null)),
                ""),
            new PolicyResult(
                waived,
                PolicyResult.Status.VIOLATED,
                List.of(
                    new ImageViolation(
                        "Image has tag \"latest\"",
                        new WaiverInfo(
                            WaiverInfo.EXCEPTION,
                            "legacy",
                            "migrating",
                            "team",
                            null,
                            "2030-01-01T00:00:00Z"))),
                ""),
            PolicyResult.notEvaluated(policy("cves", ""), "vulnerabilities were not checked"),
            PolicyResult.passed(policy("passed", ""))),
        List.of(new Note("central", "", "a note")));
  }

  private static String json(ImageCheckReport report) throws IOException {
    StringWriter out = new StringWriter();
    ImageCheckJson.write(report, out);
    return out.toString();
  }

  @Test
  void aReportReadBackIsWrittenIdentically() throws IOException {
    String written = json(report());

    ImageCheckReport read = ImageCheckJsonReader.read(written);

    assertThat(json(read)).isEqualTo(written);
    assertThat(read.buildFails()).isTrue();
    assertThat(read.failing()).isEqualTo(1);
    assertThat(read.count(PolicyResult.Status.NOT_EVALUATED)).isEqualTo(1);
    assertThat(read.image().name().registry()).isEqualTo("registry.example.com");
  }

  @Test
  void aCheckReportIsNotAnImageCheck() {
    assertThatThrownBy(() -> ImageCheckJsonReader.read("{\"version\": \"1\", \"results\": []}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an image check");
  }

  @Test
  void brokenJsonIsRefused() {
    assertThatThrownBy(() -> ImageCheckJsonReader.read("{"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not JSON");
  }

  @Test
  void anUnknownStatusIsRefused() throws IOException {
    String written = json(report()).replace("\"PASSED\"", "\"MAYBE\"");

    assertThatThrownBy(() -> ImageCheckJsonReader.read(written))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MAYBE");
  }
}
