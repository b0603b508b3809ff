package dev.bulwark.testsupport.registry;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The two-layer Debian bookworm image {@code e2e/images/debian-python} builds: the debootstrap
 * minbase root filesystem, then a layer with Debian's python3-requests and python3-urllib3.
 *
 * @param layout the OCI layout holding it
 * @param tag its tag in the layout
 * @param pythonLayerDiffId the second layer's diffID ({@code sha256:} of its uncompressed tar), as
 *     the fixture computed it
 * @param debianVersions the Debian version of each package of the second layer, by package name
 */
public record DebianPythonImage(
    Path layout, String tag, String pythonLayerDiffId, Map<String, String> debianVersions) {
  public DebianPythonImage {
    Objects.requireNonNull(layout, "layout");
    debianVersions = Map.copyOf(debianVersions);
  }
}
