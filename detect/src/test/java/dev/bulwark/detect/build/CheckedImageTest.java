package dev.bulwark.detect.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.workload.ImageRef;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The name an image check gives the image it evaluates, which registry criteria read. */
class CheckedImageTest {
  private static final String DIGEST =
      "sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc";

  @ParameterizedTest
  @CsvSource(
      nullValues = "null",
      value = {
        "nginx, docker.io, library/nginx, latest",
        "docker://quay.io/org/app:2, quay.io, org/app, 2",
        "localhost:5000/app@" + DIGEST + ", localhost:5000, app, null",
        "oci:/nonexistent/layout:v1, '', '', v1",
        "oci:/nonexistent/layout, '', '', null",
        "oci-archive:/nonexistent/app.tar:1.0, '', '', 1.0",
        "docker-archive:/nonexistent/app.tar, '', '', null",
        "dir:/nonexistent/rootfs, '', '', null",
      })
  void registryReferencesAreParsedAndLocalImagesHaveNoRegistry(
      String reference, String registry, String remote, @Nullable String tag) {
    ImageRef name = CheckedImage.of(reference, null, DIGEST).name();

    assertThat(name.registry()).isEqualTo(registry);
    assertThat(name.remote()).isEqualTo(remote);
    assertThat(name.tag()).isEqualTo(tag);
  }

  @ParameterizedTest
  @CsvSource({"oci:/nonexistent/layout:v1", "nginx:1.27"})
  void anImageNameReplacesWhatTheReferenceSays(String reference) {
    CheckedImage image = CheckedImage.of(reference, "registry.example.com/shop/app:1.4", DIGEST);

    assertThat(image.reference()).isEqualTo(reference);
    assertThat(image.name().fullName()).isEqualTo("registry.example.com/shop/app:1.4");
    assertThat(image.name().registry()).isEqualTo("registry.example.com");
    assertThat(image.name().remote()).isEqualTo("shop/app");
    assertThat(image.name().tag()).isEqualTo("1.4");
    assertThat(image.digest()).isEqualTo(DIGEST);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Image \"x\" of container \"image\" has CVE-1 | Image \"x\" has CVE-1",
        "Container \"image\" uses image tag \"1\" | Image \"x\" uses image tag \"1\"",
        "Image \"x\" of container \"image\" runs as user \"root\"; Container \"image\" uses image"
            + " tag \"1\" | Image \"x\" runs as user \"root\"; Image \"x\" uses image tag \"1\"",
      })
  void messagesAboutTheContainerAreAboutTheImage(String engine, String shown) {
    assertThat(ImageCheckRun.message(engine, ImageRef.parse("x"))).isEqualTo(shown);
  }
}
