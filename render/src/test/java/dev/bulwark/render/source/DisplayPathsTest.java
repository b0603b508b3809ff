package dev.bulwark.render.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DisplayPathsTest {
  private static final Path WORKING_DIRECTORY = Path.of("/work/project");

  @ParameterizedTest
  @CsvSource({
    "examples/deploy.yaml,            examples/deploy.yaml",
    "./examples//deploy.yaml,         examples/deploy.yaml",
    "../other/deploy.yaml,            ../other/deploy.yaml",
    ".,                               .",
    "/work/project/examples,          examples",
    "/work/project,                   .",
    "/elsewhere/deploy.yaml,          /elsewhere/deploy.yaml",
  })
  void inputIsShownAsGivenOrRelativeToTheWorkingDirectory(String given, String expected) {
    assertThat(DisplayPaths.ofInput(given, WORKING_DIRECTORY)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "examples/helm/web,   templates/deployment.yaml, examples/helm/web/templates/deployment.yaml",
    "overlays/prod,       ../../base/app.yaml,       base/app.yaml",
    ".,                   app.yaml,                  app.yaml",
  })
  void childIsJoinedAndNormalized(String parent, String relative, String expected) {
    assertThat(DisplayPaths.child(parent, relative)).isEqualTo(expected);
  }
}
