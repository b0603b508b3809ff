package dev.bulwark.scanner.analyzer.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.scanner.analyzer.Analyzer;
import dev.bulwark.scanner.analyzer.dpkg.DpkgAnalyzer;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnalyzersTest {
  @Test
  void listsEveryAnalyzerOnceWithOsDetectionFirst() {
    assertThat(Analyzers.all())
        .extracting(Analyzer::name)
        .containsExactly(
            "os-release",
            "dpkg",
            "apk",
            "rpm",
            "java-archive",
            "npm",
            "npm-lock",
            "python",
            "go-binary",
            "cargo-auditable",
            "gemspec",
            "dotnet-deps");
  }

  @Test
  void rejectsTwoAnalyzersWithOneName() {
    assertThatThrownBy(() -> Analyzers.validated(List.of(new DpkgAnalyzer(), new DpkgAnalyzer())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("dpkg: name used by two analyzers");
  }
}
