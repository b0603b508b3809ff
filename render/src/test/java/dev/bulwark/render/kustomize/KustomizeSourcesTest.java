package dev.bulwark.render.kustomize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.Location;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.ManifestSource.TextSource;
import dev.bulwark.core.manifest.ReadLimits;
import dev.bulwark.render.testing.ParsedObjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Source mapping against hand-written kubectl output, so that no kubectl is needed. */
class KustomizeSourcesTest {
  private static final FieldPath NAME = FieldPath.of("metadata", "name");

  @TempDir Path root;

  private void write(String path, String text) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private List<ManifestObject> map(String overlay, String renderedText) {
    KustomizeSources sources =
        KustomizeSources.collect(
            root.resolve(overlay),
            overlay,
            overlay + "/kustomization.yaml",
            new YamlDocuments(ReadLimits.DEFAULT));
    return ParsedObjects.read(new TextSource(overlay, renderedText, sources::sourceMap));
  }

  @Test
  void prefixesAndSuffixesOfTheWholeChainPickTheExactDocument() throws IOException {
    write(
        "base/kustomization.yaml",
        """
        nameSuffix: -v1
        resources:
          - deployments.yaml
          - https://github.com/example/remote//base?ref=v1
        """);
    write(
        "base/deployments.yaml",
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web-admin
        """);
    write("overlay/kustomization.yaml", "namePrefix: prod-\nresources:\n  - ../base\n");

    List<ManifestObject> objects =
        map(
            "overlay",
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: prod-web-admin-v1
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: prod-web-v1
            """);

    assertThat(objects)
        .extracting(object -> object.locate(NAME))
        .containsExactly(
            new Location("base/deployments.yaml", 9, 3),
            new Location("base/deployments.yaml", 4, 3));
  }

  @Test
  void objectOfAnotherKindWithTheSameNameIsNotMatched() throws IOException {
    write("app/kustomization.yaml", "resources:\n  - service.yaml\n");
    write("app/service.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n");

    ManifestObject deployment =
        map("app", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n").getFirst();

    assertThat(deployment.locate(NAME)).isEqualTo(new Location("app/kustomization.yaml", 0, 0));
  }

  @Test
  void kustomizationsThatIncludeEachOtherAreVisitedOnce() throws IOException {
    write("a/kustomization.yaml", "resources:\n  - ../b\n  - pod.yaml\n");
    write("a/pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: loop\n");
    write("b/kustomization.yaml", "resources:\n  - ../a\n");

    ManifestObject pod =
        map("a", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: loop\n").getFirst();

    assertThat(pod.locate(NAME)).isEqualTo(new Location("a/pod.yaml", 4, 3));
  }

  @Test
  void patchThatOverridesAValueOwnsIt() throws IOException {
    write(
        "app/kustomization.yaml",
        "resources:\n  - pod.yaml\npatchesStrategicMerge:\n  - image.yaml\n");
    write(
        "app/pod.yaml",
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          containers:
            - name: web
              image: nginx:1.25
              imagePullPolicy: Always
        """);
    write(
        "app/image.yaml",
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          containers:
            - name: web
              image: nginx:1.27
              imagePullPolicy: Always
        """);
    ManifestObject pod =
        map(
                "app",
                """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                spec:
                  containers:
                  - image: nginx:1.27
                    imagePullPolicy: Always
                    name: web
                """)
            .getFirst();
    FieldPath container = FieldPath.of("spec", "containers").index(0);

    assertThat(pod.locate(container.key("image"))).isEqualTo(new Location("app/image.yaml", 8, 7));
    assertThat(pod.locate(container.key("imagePullPolicy")))
        .isEqualTo(new Location("app/pod.yaml", 9, 7));
    assertThat(pod.locate(NAME)).isEqualTo(new Location("app/pod.yaml", 4, 3));
  }
}
