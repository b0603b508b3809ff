package dev.bulwark.scanner.analyzer.dotnet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.scanner.analyzer.AnalysisResult;
import dev.bulwark.scanner.analyzer.InMemoryFile;
import org.junit.jupiter.api.Test;

class DepsJsonAnalyzerTest {
  private final DepsJsonAnalyzer analyzer = new DepsJsonAnalyzer();

  @Test
  void reportsLibrariesOfTypePackageOnly() {
    AnalysisResult result =
        InMemoryFile.text(
                "app/MyApp.deps.json",
                """
                {
                  "runtimeTarget": {"name": ".NETCoreApp,Version=v8.0"},
                  "libraries": {
                    "MyApp/1.0.0": {"type": "project", "serviceable": false},
                    "Newtonsoft.Json/13.0.1": {"type": "package", "serviceable": true},
                    "System.Text.Json/8.0.0": {"type": "package"}
                  }
                }
                """)
            .analyzeWith(analyzer);

    assertThat(result.packages())
        .extracting(found -> found.purl().toString())
        .containsExactly("pkg:nuget/Newtonsoft.Json@13.0.1", "pkg:nuget/System.Text.Json@8.0.0");
  }

  @Test
  void fileWithoutLibrariesIsANote() {
    AnalysisResult result =
        InMemoryFile.text("app/x.deps.json", "{\"targets\": {}}").analyzeWith(analyzer);

    assertThat(result.notes())
        .singleElement()
        .extracting("reason")
        .asString()
        .contains("no libraries");
  }
}
