package dev.bulwark.sensor.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.policy.builtin.BuiltinPolicies;
import dev.bulwark.policy.exception.ExceptionReader;
import dev.bulwark.policy.exception.PolicyException;
import dev.bulwark.policy.io.PolicyReader;
import dev.bulwark.policy.model.Policy;
import dev.bulwark.sensor.policies.PolicySet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ConfigMap's files read back by the admission controller's own readers give the same set. */
class AdmissionFilesTest {
  static final PolicyException FULL =
      new PolicyException(
          "legacy-payments",
          List.of("privileged-container"),
          List.of("Network"),
          "prod",
          List.of("payments-.*"),
          Map.of("team", "pay.*"),
          List.of("Deployment/legacy-.*"),
          List.of("registry\\.example/.*"),
          "payments-team",
          "the vendor image needs it until Q3",
          "SEC-42",
          Instant.parse("2031-06-30T23:59:59Z"),
          "central");
  static final PolicyException MINIMAL =
      new PolicyException(
          "all-latest",
          List.of("latest-tag"),
          List.of(),
          null,
          List.of(),
          Map.of(),
          List.of(),
          List.of(),
          "platform",
          "demo cluster",
          null,
          null,
          "central");

  static PolicySet set() {
    return new PolicySet("fp-1", BuiltinPolicies.all(), List.of(FULL, MINIMAL));
  }

  @Test
  void theFilesReadBackAsTheSamePoliciesAndExceptions(@TempDir Path directory) throws IOException {
    Map<String, String> files = AdmissionFiles.of(set());
    for (Map.Entry<String, String> file : files.entrySet()) {
      Files.writeString(directory.resolve(file.getKey()), file.getValue());
    }

    assertThat(files.keySet()).containsExactly("policies.json", "exceptions.yaml", "fingerprint");
    assertThat(files.get("fingerprint")).isEqualTo("fp-1\n");
    assertThat(equalsAsReadBack(directory.resolve("policies.json"), set().policies())).isTrue();
    List<PolicyException> exceptions = ExceptionReader.read(directory.resolve("exceptions.yaml"));
    assertThat(exceptions)
        .usingRecursiveComparison()
        .ignoringFields("file")
        .isEqualTo(List.of(FULL, MINIMAL));
    assertThat(String.valueOf(files.get("policies.json")).length())
        .as("the built-in set fits a ConfigMap (1 MiB) with room to spare")
        .isLessThan(700_000);
  }

  private static boolean equalsAsReadBack(Path file, List<Policy> expected) {
    List<Policy> read = PolicyReader.read(file);
    assertThat(read).usingRecursiveComparison().isEqualTo(expected);
    return true;
  }
}
