package dev.bulwark.scanner.image.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.scanner.image.ImageException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {
  private static final String DIGEST =
      "sha256:abababababababababababababababababababababababababababababababab";

  @ParameterizedTest
  @CsvSource(
      nullValues = "-",
      value = {
        "alpine, docker.io, library/alpine, latest, -",
        "bitnami/nginx:1.25, docker.io, bitnami/nginx, 1.25, -",
        "127.0.0.1:5000/demo/app:1.0, 127.0.0.1:5000, demo/app, 1.0, -",
        "localhost/app, localhost, app, latest, -",
        "ghcr.io/org/app@" + DIGEST + ", ghcr.io, org/app, -, " + DIGEST,
        "registry.example.com:8443/a/b/c:v2@"
            + DIGEST
            + ", registry.example.com:8443, a/b/c, v2, "
            + DIGEST,
      })
  void parsesReferencesWithDockerHubDefaults(
      String text, String registry, String repository, String tag, String digest) {
    assertThat(ImageReference.parse(text))
        .isEqualTo(new ImageReference(registry, repository, tag, digest));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Upper/Case", "app@sha256:short", "app:bad tag", "a//b"})
  void rejectsMalformedReferences(String text) {
    assertThatThrownBy(() -> ImageReference.parse(text)).isInstanceOf(ImageException.class);
  }
}
