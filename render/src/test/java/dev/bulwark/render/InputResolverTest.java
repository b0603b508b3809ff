package dev.bulwark.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.bulwark.core.manifest.ManifestError;
import dev.bulwark.core.manifest.ManifestSource;
import dev.bulwark.core.manifest.ManifestSource.FileSource;
import dev.bulwark.core.manifest.ManifestSource.TextSource;
import dev.bulwark.core.manifest.ReadLimits;
import dev.bulwark.render.helm.HelmChartRenderer;
import dev.bulwark.render.helm.HelmOptions;
import dev.bulwark.render.kustomize.KustomizeRenderer;
import dev.bulwark.render.testing.TestResources;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputResolverTest {
  private static final ReadLimits LIMITS = new ReadLimits(64, 64, 100, 64);

  @TempDir Path workingDirectory;

  private static InputResolver resolver(Path workingDirectory, String kubectlPath, String stdin) {
    return new InputResolver(
        workingDirectory,
        LIMITS,
        new HelmChartRenderer(HelmOptions.DEFAULT, workingDirectory),
        new KustomizeRenderer(kubectlPath, ReadLimits.DEFAULT, Duration.ofSeconds(60)),
        () -> new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
  }

  private InputResolver resolver() {
    return resolver(workingDirectory, "/nonexistent/bin", "");
  }

  private void write(String path, String text) throws IOException {
    Path file = workingDirectory.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  @Test
  void directoryIsWalkedInOrderSkippingHiddenDirectoriesAndRenderingWhatItFinds()
      throws IOException {
    write("a.yaml", "kind: A\n");
    write("b/c.json", "{}\n");
    write("b/E.YAML", "kind: E\n");
    write("b/notes.txt", "not a manifest\n");
    write("b/nested/d.yml", "kind: D\n");
    write(".git/config.yaml", "kind: Hidden\n");
    write("b/.cache/x.yaml", "kind: Hidden\n");
    write("chart/Chart.yaml", "apiVersion: v2\nname: chart\nversion: 0.1.0\n");
    write("chart/templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n");
    write("kust/kustomization.yaml", "resources:\n  - cm.yaml\n");
    write("kust/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: k\n");

    ResolvedInputs resolved = resolver().resolve(List.of("."));

    assertThat(resolved.sources())
        .extracting(ManifestSource::displayName)
        .containsExactly("a.yaml", "b/E.YAML", "b/c.json", "b/nested/d.yml", "chart");
    assertThat(resolved.sources().get(1))
        .isEqualTo(new FileSource(workingDirectory.resolve("b/E.YAML"), "b/E.YAML"));
    assertThat(resolved.sources().get(4)).isInstanceOf(TextSource.class);
    assertThat(((TextSource) resolved.sources().get(4)).text()).contains("name: c");
    assertThat(resolved.errors())
        .extracting(ManifestError::file, ManifestError::message)
        .containsExactly(
            tuple(
                "kust",
                "cannot render Kustomize directory kust: kubectl not found on PATH (install"
                    + " kubectl, which includes kustomize)"));
  }

  @Test
  void fileGivenExplicitlyIsReadWhateverItsExtension() throws IOException {
    write("docs/notes.txt", "kind: A\n");

    ResolvedInputs resolved = resolver().resolve(List.of("./docs/notes.txt"));

    assertThat(resolved.sources())
        .containsExactly(
            new FileSource(workingDirectory.resolve("docs/notes.txt"), "docs/notes.txt"));
    assertThat(resolved.errors()).isEmpty();
  }

  @Test
  void absolutePathInsideTheWorkingDirectoryIsShownRelative() throws IOException {
    write("deploy/app.yaml", "kind: A\n");

    ResolvedInputs resolved =
        resolver().resolve(List.of(workingDirectory.resolve("deploy").toString()));

    assertThat(resolved.sources())
        .extracting(ManifestSource::displayName)
        .containsExactly("deploy/app.yaml");
  }

  @Test
  void missingPathIsAnErrorAndTheOtherInputsStillResolve() throws IOException {
    write("app.yaml", "kind: A\n");

    ResolvedInputs resolved = resolver().resolve(List.of("missing/app.yaml", "app.yaml"));

    assertThat(resolved.errors())
        .containsExactly(ManifestError.ofFile("missing/app.yaml", "no such file or directory"));
    assertThat(resolved.sources())
        .extracting(ManifestSource::displayName)
        .containsExactly("app.yaml");
  }

  @Test
  void brokenChartIsAnErrorAndTheOtherInputsStillResolve() {
    InputResolver resolver = resolver(TestResources.root(), "/usr/bin", "");

    ResolvedInputs resolved =
        resolver.resolve(List.of("helm/broken/syntax", "helm/web", "kustomize/overlay"));

    assertThat(resolved.sources())
        .extracting(ManifestSource::displayName)
        .containsExactly("helm/web", "kustomize/overlay");
    assertThat(resolved.errors())
        .extracting(ManifestError::file)
        .containsExactly("helm/broken/syntax");
    assertThat(resolved.errors().getFirst().message()).contains("noSuchFunction");
  }

  @Test
  void standardInputIsReadAsText() {
    String yaml = "apiVersion: v1\nkind: Pod\n";

    ResolvedInputs resolved =
        resolver(workingDirectory, "/nonexistent", yaml).resolve(List.of("-"));

    assertThat(resolved.sources()).hasSize(1);
    TextSource source = (TextSource) resolved.sources().getFirst();
    assertThat(source.displayName()).isEqualTo("<stdin>");
    assertThat(source.text()).isEqualTo(yaml);
    assertThat(resolved.errors()).isEmpty();
  }

  @Test
  void standardInputOverTheLimitIsAnError() {
    String yaml = "kind: Pod\n".repeat(7);

    ResolvedInputs resolved =
        resolver(workingDirectory, "/nonexistent", yaml).resolve(List.of("-"));

    assertThat(resolved.sources()).isEmpty();
    assertThat(resolved.errors())
        .singleElement()
        .satisfies(error -> {
          assertThat(error.file()).isEqualTo("<stdin>");
          assertThat(error.message()).contains("larger than the limit of 64 bytes");
        });
  }

  @Test
  void unreadableStandardInputIsAnError() {
    InputResolver resolver =
        new InputResolver(
            workingDirectory,
            LIMITS,
            new HelmChartRenderer(HelmOptions.DEFAULT, workingDirectory),
            new KustomizeRenderer(null, LIMITS, Duration.ofSeconds(1)),
            () ->
                new InputStream() {
                  @Override
                  public int read() throws IOException {
                    throw new IOException("stream closed");
                  }
                });

    ResolvedInputs resolved = resolver.resolve(List.of("-"));

    assertThat(resolved.errors())
        .containsExactly(
            ManifestError.ofFile("<stdin>", "cannot read standard input: stream closed"));
  }
}
