package dev.bulwark.scanner.analyzer.ruby;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.scanner.analyzer.AnalysisResult;
import dev.bulwark.scanner.analyzer.InMemoryFile;
import org.junit.jupiter.api.Test;

class GemspecAnalyzerTest {
  private final GemspecAnalyzer analyzer = new GemspecAnalyzer();

  @Test
  void readsNameAndVersionAssignments() {
    AnalysisResult result =
        InMemoryFile.text(
                "usr/local/bundle/specifications/rake-13.0.6.gemspec",
                """
                # -*- encoding: utf-8 -*-
                # stub: rake 13.0.6 ruby lib

                Gem::Specification.new do |s|
                  s.name = "rake".freeze
                  s.version = "13.0.6"
                  s.require_paths = ["lib".freeze]
                end
                """)
            .analyzeWith(analyzer);

    assertThat(result.packages())
        .singleElement()
        .satisfies(found -> {
          assertThat(found.name()).isEqualTo("rake");
          assertThat(found.purl().toString()).isEqualTo("pkg:gem/rake@13.0.6");
        });
  }

  @Test
  void fallsBackToTheStubComment() {
    AnalysisResult result =
        InMemoryFile.text(
                "gems/specifications/json-2.7.1.gemspec",
                "# stub: json 2.7.1 ruby lib\nGem::Specification.new { |s| s.name = NAME }\n")
            .analyzeWith(analyzer);

    assertThat(result.packages()).extracting("version").containsExactly("2.7.1");
  }

  @Test
  void wantsOnlyInstalledSpecifications() {
    assertThat(analyzer.wants("gems/specifications/a-1.gemspec", 1)).isTrue();
    assertThat(analyzer.wants("src/a/a.gemspec", 1)).isFalse();
  }
}
