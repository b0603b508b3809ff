package dev.bulwark.central.exceptions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.policy.exception.ExceptionReader;
import dev.bulwark.policy.exception.PolicyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExceptionDocumentsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "\"\"|\"\"",
        "owner|/owner",
        "scope.namespaces[1]|/scope/namespaces/1",
        "scope.labels['app.kubernetes.io/name']|/scope/labels/app.kubernetes.io~1name",
        "scope.labels['it\\'s']|/scope/labels/it's",
        "spec.policies[0]|/spec/policies/0",
        "metadata.name|/metadata/name"
      })
  void libraryFieldPathsBecomeJsonPointers(String field, String pointer) {
    assertThat(ExceptionDocuments.pointer(field)).isEqualTo(pointer);
  }

  @Test
  void whatCentralStoresReadsBackAsTheSameExceptionAsACliFileEntry() throws Exception {
    String entry =
        """
        {"name": "round-trip", "policies": ["Latest tag"], "categories": ["Networking"],
         "scope": {"cluster": "prod", "namespaces": ["shop-.*"], "labels": {"team": "a|b"},
                   "workloads": ["web"], "images": ["registry.example/.*"]},
         "owner": "team-shop", "reason": "migrating", "ticket": "OPS-1",
         "expires": "2030-06-30T12:00:00Z"}
        """;
    PolicyException fromFile =
        ExceptionReader.parse("exceptions: [" + entry + "]", "file.yaml").getFirst();

    PolicyException stored = ExceptionDocuments.read(ExceptionDocuments.write(fromFile), "stored");

    assertThat(stored).usingRecursiveComparison().ignoringFields("file").isEqualTo(fromFile);
    assertThat(ExceptionDocuments.read(JSON.readTree(entry), "body"))
        .usingRecursiveComparison()
        .ignoringFields("file")
        .isEqualTo(fromFile);
  }
}
