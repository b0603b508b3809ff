package dev.bulwark.render.kustomize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.Location;
import dev.bulwark.core.manifest.ManifestError;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.ManifestSource.TextSource;
import dev.bulwark.core.manifest.ReadLimits;
import dev.bulwark.render.source.RenderResult;
import dev.bulwark.render.testing.ParsedObjects;
import dev.bulwark.render.testing.TestResources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KustomizeRendererTest {
  private static final Path ROOT = TestResources.root();
  private static final String BASE = "kustomize/base/deployment.yaml";
  private static final String PATCH = "kustomize/overlay/privileged-patch.yaml";
  private static final FieldPath CONTAINERS =
      FieldPath.of("spec", "template", "spec", "containers");
  private static final KustomizeRenderer RENDERER =
      new KustomizeRenderer(
          "/usr/local/bin:/usr/bin:/bin", ReadLimits.DEFAULT, Duration.ofSeconds(60));

  private static @Nullable TextSource overlay;

  /**
   * Renders the overlay once for the whole class: each kubectl run costs a fraction of a second.
   */
  private static List<ManifestObject> renderOverlay() {
    TextSource source = overlay;
    if (source == null) {
      RenderResult result = RENDERER.render(ROOT.resolve("kustomize/overlay"), "kustomize/overlay");
      assertThat(result).isInstanceOf(RenderResult.Rendered.class);
      source = ((RenderResult.Rendered) result).source();
      overlay = source;
    }
    assertThat(source.displayName()).isEqualTo("kustomize/overlay");
    // The patched container comes first in kubectl's output, so indexes differ from the base.
    assertThat(source.text()).containsSubsequence("name: web", "name: sidecar");
    return ParsedObjects.read(source);
  }

  private static ManifestObject deployment() {
    ManifestObject deployment = ParsedObjects.only(renderOverlay(), "Deployment");
    assertThat(deployment.name()).isEqualTo("prod-web");
    return deployment;
  }

  @Test
  void prefixedObjectMapsToItsBaseResource() {
    ManifestObject deployment = deployment();

    assertThat(deployment.location()).isEqualTo(new Location(BASE, 1, 1));
    assertThat(deployment.locate(FieldPath.of("metadata", "name")))
        .isEqualTo(new Location(BASE, 4, 3));
  }

  @Test
  void fieldPresentInTheBaseMapsToTheBaseLineOfTheSameNamedContainer() {
    ManifestObject deployment = deployment();

    assertThat(deployment.locate(CONTAINERS.index(0).key("image")))
        .isEqualTo(new Location(BASE, 13, 11));
    assertThat(deployment.locate(CONTAINERS.index(1).key("image")))
        .isEqualTo(new Location(BASE, 11, 11));
  }

  @Test
  void fieldAddedByAPatchMapsToThePatch() {
    ManifestObject deployment = deployment();

    assertThat(deployment.locate(CONTAINERS.index(0).key("securityContext").key("privileged")))
        .isEqualTo(new Location(PATCH, 11, 13));
  }

  @Test
  void fieldNobodyWroteMapsToItsNearestExistingParentInTheBase() {
    ManifestObject deployment = deployment();

    assertThat(deployment.locate(CONTAINERS.index(0).key("resources")))
        .isEqualTo(new Location(BASE, 12, 11));
    assertThat(deployment.locate(CONTAINERS.index(1).key("securityContext").key("privileged")))
        .isEqualTo(new Location(BASE, 10, 11));
  }

  @Test
  void generatedObjectMapsToTheKustomizationFile() {
    ManifestObject configMap = ParsedObjects.only(renderOverlay(), "ConfigMap");

    assertThat(configMap.locate(FieldPath.of("data", "mode")))
        .isEqualTo(new Location("kustomize/overlay/kustomization.yaml", 0, 0));
  }

  @Test
  void missingKubectlIsAClearError() {
    KustomizeRenderer renderer =
        new KustomizeRenderer("/nonexistent/bin", ReadLimits.DEFAULT, Duration.ofSeconds(5));

    RenderResult result = renderer.render(ROOT.resolve("kustomize/overlay"), "kustomize/overlay");

    assertThat(result)
        .isEqualTo(
            new RenderResult.Failed(
                ManifestError.ofFile(
                    "kustomize/overlay",
                    "cannot render Kustomize directory kustomize/overlay: kubectl not found on"
                        + " PATH (install kubectl, which includes kustomize)")));
  }

  @Test
  void directoryWithoutKustomizationIsAnError(@TempDir Path directory) {
    RenderResult result = RENDERER.render(directory, "plain");

    assertThat(((RenderResult.Failed) result).error().message())
        .startsWith("cannot render Kustomize directory plain: no kustomization file in it");
  }

  @Test
  void kubectlFailureCarriesItsMessage(@TempDir Path directory) throws IOException {
    Files.writeString(directory.resolve("kustomization.yaml"), "resources:\n  - missing.yaml\n");

    RenderResult result = RENDERER.render(directory, "broken");

    assertThat(result).isInstanceOf(RenderResult.Failed.class);
    ManifestError error = ((RenderResult.Failed) result).error();
    assertThat(error.file()).isEqualTo("broken");
    assertThat(error.message())
        .startsWith(
            "cannot render Kustomize directory broken: kubectl kustomize exited with code 1")
        .contains("missing.yaml")
        .doesNotContain("run.go");
  }

  @Test
  void outputOverTheLimitIsRefused() {
    KustomizeRenderer renderer =
        new KustomizeRenderer(
            "/usr/bin", new ReadLimits(100, 64, 100, 100), Duration.ofSeconds(60));

    RenderResult result = renderer.render(ROOT.resolve("kustomize/overlay"), "kustomize/overlay");

    assertThat(result).isInstanceOf(RenderResult.Failed.class);
    assertThat(((RenderResult.Failed) result).error().message())
        .contains("larger than the limit of 100 bytes");
  }

  @Test
  void hangingKubectlIsStoppedAtTheTimeout(@TempDir Path bin) throws IOException {
    Path kubectl = bin.resolve("kubectl");
    Files.writeString(kubectl, "#!/bin/sh\nexec sleep 30\n");
    assertThat(kubectl.toFile().setExecutable(true)).isTrue();
    KustomizeRenderer renderer =
        new KustomizeRenderer(bin.toString(), ReadLimits.DEFAULT, Duration.ofMillis(300));

    long start = System.nanoTime();
    RenderResult result = renderer.render(ROOT.resolve("kustomize/overlay"), "kustomize/overlay");

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(((RenderResult.Failed) result).error().message())
        .contains("did not finish within 300 ms");
  }
}
