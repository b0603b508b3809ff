package dev.bulwark.render.testing;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Objects;

/** Where the render test fixtures are (copied to test-classes by Maven). */
public final class TestResources {
  private TestResources() {}

  /**
   * The {@code render} resource directory: charts under {@code helm/}, kustomizations under {@code
   * kustomize/}.
   */
  public static Path root() {
    URL url = Objects.requireNonNull(TestResources.class.getResource("/render"), "render fixtures");
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
