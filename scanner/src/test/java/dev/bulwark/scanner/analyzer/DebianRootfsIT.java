package dev.bulwark.scanner.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.scanner.analyzer.registry.Analyzers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The oracle for the dpkg analyzer: a real Debian bookworm root filesystem (debootstrap, built and
 * cached by {@code e2e/images/debian-rootfs}) must give exactly the installed packages dpkg-query
 * lists from the same database. Without the root filesystem the test fails on CI and is skipped
 * elsewhere.
 */
class DebianRootfsIT {
  private static Path rootfs = Path.of("");
  private static AnalysisResult result = new AnalysisResult(List.of(), List.of(), List.of());

  @BeforeAll
  static void analyzeRootfs() throws IOException, InterruptedException {
    rootfs = DebianRootfs.obtain();
    result = FileTreeAnalysis.analyze(rootfs, Analyzers.all());
  }

  @Test
  void dpkgPackagesEqualWhatDpkgQueryListsAsInstalled() throws Exception {
    Set<String> expected = dpkgQuery(rootfs.resolve("var/lib/dpkg"));
    Set<String> actual =
        result.packages().stream()
            .filter(found -> found.ecosystem() == Ecosystem.DEBIAN)
            .map(found -> found.name() + " " + found.version() + " " + found.architecture())
            .collect(Collectors.toSet());

    assertThat(expected).hasSizeGreaterThan(50);
    assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void detectsDebianTwelve() {
    assertThat(result.os())
        .hasValueSatisfying(os -> {
          assertThat(os.id()).isEqualTo("debian");
          assertThat(os.versionId()).isEqualTo("12");
          assertThat(os.codename()).isEqualTo("bookworm");
        });
  }

  @Test
  void attributesPackagesToDebianTwelve() {
    assertThat(result.attributedPackages())
        .filteredOn(found -> found.name().equals("base-files"))
        .singleElement()
        .satisfies(found ->
            assertThat(found.purl().toString())
                .startsWith("pkg:deb/debian/base-files@12")
                .contains("arch=amd64")
                .endsWith("distro=debian-12"));
  }

  @Test
  void noAnalyzerFailsOnARealFilesystem() {
    assertThat(result.notes()).noneMatch(note -> note.reason().startsWith("analyzer failed"));
  }

  private static Set<String> dpkgQuery(Path admindir) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(
                "dpkg-query",
                "--admindir=" + admindir,
                "-W",
                "-f",
                "${db:Status-Status} ${Package} ${Version} ${Architecture}\\n")
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as("dpkg-query: %s", output).isZero();
    return output
        .lines()
        .filter(line -> line.startsWith("installed "))
        .map(line -> line.substring("installed ".length()))
        .collect(Collectors.toSet());
  }
}
