package dev.bulwark.scanner.analyzer.npm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.scanner.analyzer.AnalysisResult;
import dev.bulwark.scanner.analyzer.InMemoryFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NpmAnalyzerTest {
  private final NpmAnalyzer analyzer = new NpmAnalyzer();

  @Test
  void scopedPackageGetsAnEncodedNamespace() {
    AnalysisResult result =
        InMemoryFile.text(
                "app/node_modules/@babel/core/package.json",
                "{\"name\": \"@babel/core\", \"version\": \"7.24.0\"}")
            .analyzeWith(analyzer);

    assertThat(result.packages())
        .singleElement()
        .satisfies(found -> {
          assertThat(found.name()).isEqualTo("@babel/core");
          assertThat(found.purl().toString()).isEqualTo("pkg:npm/%40babel/core@7.24.0");
        });
  }

  @Test
  void privateWorkspacePackageIsSkipped() {
    AnalysisResult result =
        InMemoryFile.text(
                "app/node_modules/internal/package.json",
                "{\"name\": \"internal\", \"version\": \"1.0.0\", \"private\": true}")
            .analyzeWith(analyzer);

    assertThat(result.packages()).isEmpty();
    assertThat(result.notes()).isEmpty();
  }

  @Test
  void malformedJsonIsANote() {
    AnalysisResult result =
        InMemoryFile.text("node_modules/x/package.json", "{\"name\": \"x\", ")
            .analyzeWith(analyzer);

    assertThat(result.packages()).isEmpty();
    assertThat(result.notes())
        .singleElement()
        .extracting("reason")
        .asString()
        .startsWith("not valid JSON");
  }

  @Test
  void deeplyNestedJsonIsRejectedNotRecursedInto() {
    String deep = "[".repeat(10_000) + "]".repeat(10_000);
    AnalysisResult result =
        InMemoryFile.text("node_modules/x/package.json", deep).analyzeWith(analyzer);

    assertThat(result.notes())
        .singleElement()
        .extracting("reason")
        .asString()
        .contains("not valid JSON");
  }

  @ParameterizedTest
  @CsvSource({
    "node_modules/lodash/package.json, true",
    "usr/lib/node_modules/npm/node_modules/semver/package.json, true",
    "app/node_modules/@types/node/package.json, true",
    "app/package.json, false",
    "app/node_modules/lodash/fp/package.json, false",
    "app/node_modules/@scope/package.json, false",
    "app/my_node_modules/x/package.json, false",
    "node_modules/package.json, false"
  })
  void wantsOnlyPackageRoots(String path, boolean wanted) {
    assertThat(analyzer.wants(path, 100)).isEqualTo(wanted);
  }
}
