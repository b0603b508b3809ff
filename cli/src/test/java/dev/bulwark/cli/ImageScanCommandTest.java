package dev.bulwark.cli;

import static dev.bulwark.cli.CheckCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.cli.CheckCommandTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bulwark image scan} end to end, in-process, on a root filesystem directory. */
class ImageScanCommandTest {
  @TempDir Path directory;

  /** A small Debian root filesystem with two dpkg packages and one Python distribution. */
  static Path rootfs(Path directory) throws IOException {
    Path root = directory.resolve("rootfs");
    write(
        root.resolve("etc/os-release"),
        "ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian 12\"\n");
    write(
        root.resolve("var/lib/dpkg/status"),
        """
        Package: zlib1g
        Status: install ok installed
        Architecture: amd64
        Source: zlib
        Version: 1:1.2.13.dfsg-1

        Package: bash
        Status: install ok installed
        Architecture: amd64
        Version: 5.2.15-2+b2

        """);
    write(
        root.resolve("usr/lib/python3/dist-packages/six-1.16.0.dist-info/METADATA"),
        "Name: six\nVersion: 1.16.0\n\n");
    return root;
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private Run scan(String... options) throws IOException {
    List<String> args = new ArrayList<>(List.of("image", "scan", "dir:" + rootfs(directory)));
    args.addAll(List.of(options));
    // Hermetic: the user's own vulnerability database must not change these results.
    args.addAll(List.of("--cache-dir", directory.resolve("cache").toString(), "--skip-db"));
    return run(args.toArray(String[]::new));
  }

  @Test
  void jsonListsTheOperatingSystemAndSortedPackagesWithTheirLayerAndPath() throws IOException {
    Run run = scan("-o", "json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = run.json();
    assertThat(json.path("os").path("id").asText()).isEqualTo("debian");
    assertThat(json.path("os").path("version").asText()).isEqualTo("12");
    assertThat(json.path("vulnerabilities").isArray()).isTrue();
    assertThat(json.path("vulnerabilities")).isEmpty();
    JsonNode packages = json.path("packages");
    assertThat(packages)
        .extracting(node -> node.path("name").asText())
        .containsExactly("bash", "six", "zlib1g");
    JsonNode zlib = packages.get(2);
    assertThat(zlib.path("version").asText()).isEqualTo("1:1.2.13.dfsg-1");
    assertThat(zlib.path("ecosystem").asText()).isEqualTo("Debian");
    assertThat(zlib.path("purl").asText())
        .isEqualTo(
            "pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64&distro=debian-12&upstream=zlib");
    assertThat(zlib.path("sourceName").asText()).isEqualTo("zlib");
    assertThat(zlib.path("sourceVersion").asText()).isEqualTo("1:1.2.13.dfsg-1");
    assertThat(zlib.path("path").asText()).isEqualTo("var/lib/dpkg/status");
    assertThat(zlib.path("layer").asText())
        .startsWith("sha256:")
        .isEqualTo(json.path("layers").get(0).path("digest").asText());
    assertThat(packages.get(1).path("ecosystem").asText()).isEqualTo("PyPI");
  }

  @Test
  void tableShowsASummaryAndSortedPackages() throws IOException {
    Run run = scan();

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines.getFirst()).endsWith(": Debian 12, 3 packages in 1 layer");
    assertThat(lines.subList(2, lines.size()))
        .containsExactly(
            "NAME    VERSION          ECOSYSTEM  PATH",
            "bash    5.2.15-2+b2      Debian     var/lib/dpkg/status",
            "six     1.16.0           PyPI      "
                + " usr/lib/python3/dist-packages/six-1.16.0.dist-info/METADATA",
            "zlib1g  1:1.2.13.dfsg-1  Debian     var/lib/dpkg/status");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void aReferenceThatCannotBeOpenedExitsWithTwoAndSaysWhy() {
    Run run =
        run(
            "image",
            "scan",
            "oci:" + directory.resolve("missing"),
            "--cache-dir",
            directory.resolve("cache").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("bulwark: ").contains("missing");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void anUnknownFormatOrAPasswordWithoutUserIsAUsageError() throws IOException {
    assertThat(scan("-o", "xml").exitCode()).isEqualTo(2);
    Run run = scan("--password-stdin");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--username and --password-stdin go together");
  }

  @Test
  void aBadPlatformIsAUsageError() throws IOException {
    Run run = scan("--platform", "linux");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--platform: invalid platform 'linux'");
  }
}
