package dev.bulwark.scanner.analyzer.python;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.scanner.analyzer.AnalysisResult;
import dev.bulwark.scanner.analyzer.InMemoryFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PythonAnalyzerTest {
  private final PythonAnalyzer analyzer = new PythonAnalyzer();

  @Test
  void readsDistInfoMetadataWithNormalisedPurlName() {
    AnalysisResult result =
        InMemoryFile.text(
                "usr/lib/python3/dist-packages/Flask_SQLAlchemy-3.1.1.dist-info/METADATA",
                """
                Metadata-Version: 2.1
                Name: Flask_SQLAlchemy
                Version: 3.1.1
                Summary: Add SQLAlchemy support

                Version: 9.9.9 (the body is not headers)
                """)
            .analyzeWith(analyzer);

    assertThat(result.packages())
        .singleElement()
        .satisfies(found -> {
          assertThat(found.name()).isEqualTo("Flask_SQLAlchemy");
          assertThat(found.version()).isEqualTo("3.1.1");
          assertThat(found.purl().toString()).isEqualTo("pkg:pypi/flask-sqlalchemy@3.1.1");
        });
  }

  @Test
  void metadataWithoutVersionIsANote() {
    AnalysisResult result =
        InMemoryFile.text("x/foo.egg-info/PKG-INFO", "Name: foo\n").analyzeWith(analyzer);

    assertThat(result.packages()).isEmpty();
    assertThat(result.notes()).hasSize(1);
  }

  @ParameterizedTest
  @CsvSource({"Foo.Bar__baz, foo-bar-baz", "requests, requests", "Zope.Interface, zope-interface"})
  void normalisesNamesPerPep503(String name, String normalised) {
    assertThat(PythonAnalyzer.normalised(name)).isEqualTo(normalised);
  }

  @Test
  void wantsMetadataFiles() {
    assertThat(analyzer.wants("site-packages/a-1.dist-info/METADATA", 1)).isTrue();
    assertThat(analyzer.wants("site-packages/a-1.egg-info/PKG-INFO", 1)).isTrue();
    assertThat(analyzer.wants("site-packages/a-1.egg-info", 1)).isTrue();
    assertThat(analyzer.wants("site-packages/a-1.dist-info/RECORD", 1)).isFalse();
  }
}
