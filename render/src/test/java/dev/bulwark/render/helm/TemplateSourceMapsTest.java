package dev.bulwark.render.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.Location;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.ManifestSource.TextSource;
import dev.bulwark.render.testing.ParsedObjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateSourceMapsTest {
  private static final String POD_TEMPLATE =
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: demo
      spec:
        containers:
          - name: app
            imagePullPolicy: Always
        initContainers:
          - name: init
            imagePullPolicy: Always
      """;

  @TempDir Path chart;

  private List<ManifestObject> render(String renderedText) {
    TemplateSourceMaps maps = TemplateSourceMaps.of(renderedText, chart, "charts/demo");
    return ParsedObjects.read(new TextSource("charts/demo", renderedText, maps::sourceMap));
  }

  private void writeTemplate(String name, String text) throws IOException {
    Path file = chart.resolve("templates").resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  @Test
  void repeatedLineIsFoundByWalkingThePathKeys() throws IOException {
    writeTemplate("pod.yaml", POD_TEMPLATE);
    ManifestObject pod =
        render("---\n# Source: demo/templates/pod.yaml\n" + POD_TEMPLATE).getFirst();

    Location location =
        pod.locate(FieldPath.of("spec", "initContainers").index(0).key("imagePullPolicy"));

    assertThat(location).isEqualTo(new Location("charts/demo/templates/pod.yaml", 11, 7));
  }

  @Test
  void secondDocumentMapsToItsOwnTemplateAndLines() throws IOException {
    writeTemplate("pod.yaml", POD_TEMPLATE);
    writeTemplate(
        "account.yaml", "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: demo\n");
    String rendered =
        "---\n# Source: demo/templates/account.yaml\n"
            + "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: demo\n"
            + "---\n# Source: demo/templates/pod.yaml\n"
            + POD_TEMPLATE;

    ManifestObject pod = ParsedObjects.only(render(rendered), "Pod");

    assertThat(pod.locate(FieldPath.of("kind")))
        .isEqualTo(new Location("charts/demo/templates/pod.yaml", 2, 1));
  }

  @Test
  void fieldWhoseKeysAreNotInTheTemplateNamesTheTemplateWithoutALine() throws IOException {
    writeTemplate("config.yaml", "{{ toYaml .Values.config }}\n");
    ManifestObject config =
        render(
                """
                ---
                # Source: demo/templates/config.yaml
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: generated
                """)
            .getFirst();

    assertThat(config.locate(FieldPath.of("metadata", "name")))
        .isEqualTo(new Location("charts/demo/templates/config.yaml", 0, 0));
  }

  @Test
  void objectWithoutSourceCommentMapsToTheChart() {
    ManifestObject hook =
        render("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: hook\n").getFirst();

    assertThat(hook.locate(FieldPath.of("metadata", "name")))
        .isEqualTo(new Location("charts/demo", 0, 0));
  }

  @Test
  void templateMissingOnDiskStillNamesTheTemplate() {
    ManifestObject packed =
        render(
                """
                ---
                # Source: demo/charts/packed/templates/cm.yaml
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: packed
                """)
            .getFirst();

    assertThat(packed.location())
        .isEqualTo(new Location("charts/demo/charts/packed/templates/cm.yaml", 0, 0));
  }
}
