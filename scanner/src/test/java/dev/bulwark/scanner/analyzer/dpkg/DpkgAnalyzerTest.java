package dev.bulwark.scanner.analyzer.dpkg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.scanner.analyzer.AnalysisResult;
import dev.bulwark.scanner.analyzer.Ecosystem;
import dev.bulwark.scanner.analyzer.InMemoryFile;
import dev.bulwark.scanner.analyzer.Package;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DpkgAnalyzerTest {
  private final DpkgAnalyzer analyzer = new DpkgAnalyzer();

  private static final String STATUS =
      """
      Package: libc6
      Status: install ok installed
      Priority: optional
      Architecture: amd64
      Multi-Arch: same
      Source: glibc
      Version: 2.36-9+deb12u4
      Description: GNU C Library: Shared libraries
       Contains the standard libraries that are used by nearly all programs on
       the system.

      Package: libssl3
      Status: install ok installed
      Architecture: amd64
      Source: openssl (3.0.11-1~deb12u2)
      Version: 3.0.13-1~deb12u1

      Package: removed-tool
      Status: deinstall ok config-files
      Architecture: amd64
      Version: 1.0-1

      Package: held
      Status: hold ok installed
      Architecture: all
      Version: 1:2.0-3

      Package: broken
      Status: install ok installed
      Architecture: amd64
      """;

  @Test
  void readsInstalledPackagesWithSourceAndArchitecture() {
    AnalysisResult result = InMemoryFile.text("var/lib/dpkg/status", STATUS).analyzeWith(analyzer);

    assertThat(result.packages())
        .extracting(Package::name, Package::version, Package::architecture)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("libc6", "2.36-9+deb12u4", "amd64"),
            org.assertj.core.groups.Tuple.tuple("libssl3", "3.0.13-1~deb12u1", "amd64"),
            org.assertj.core.groups.Tuple.tuple("held", "1:2.0-3", "all"));
    Package libc = result.packages().getFirst();
    assertThat(libc.ecosystem()).isEqualTo(Ecosystem.DEBIAN);
    assertThat(libc.sourceName()).isEqualTo("glibc");
    assertThat(libc.sourceVersion()).isEqualTo("2.36-9+deb12u4");
    assertThat(libc.purl().toString())
        .isEqualTo("pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&upstream=glibc");
    assertThat(libc.path()).isEqualTo("var/lib/dpkg/status");
  }

  @Test
  void sourceFieldWithVersionGivesTheSourceVersion() {
    Package libssl =
        InMemoryFile.text("var/lib/dpkg/status", STATUS).analyzeWith(analyzer).packages().get(1);

    assertThat(libssl.sourceName()).isEqualTo("openssl");
    assertThat(libssl.sourceVersion()).isEqualTo("3.0.11-1~deb12u2");
  }

  @Test
  void stanzaWithoutVersionIsANoteWithItsLine() {
    AnalysisResult result = InMemoryFile.text("var/lib/dpkg/status", STATUS).analyzeWith(analyzer);

    assertThat(result.notes())
        .singleElement()
        .satisfies(note -> {
          assertThat(note.path()).isEqualTo("var/lib/dpkg/status:28");
          assertThat(note.reason()).contains("no Version field");
        });
  }

  @Test
  void distrolessStatusFilesWithoutStatusCountAsInstalled() {
    AnalysisResult result =
        InMemoryFile.text(
                "var/lib/dpkg/status.d/tzdata",
                "Package: tzdata\nVersion: 2024a-0+deb12u1\nArchitecture: all\n")
            .analyzeWith(analyzer);

    assertThat(result.packages()).extracting(Package::name).containsExactly("tzdata");
  }

  @ParameterizedTest
  @CsvSource({
    "var/lib/dpkg/status, true",
    "var/lib/dpkg/status.d/libssl3, true",
    "var/lib/dpkg/status.d/libssl3.md5sums, false",
    "var/lib/dpkg/status-old, false",
    "var/lib/dpkg/status.d/sub/x, false",
    "usr/var/lib/dpkg/status, false"
  })
  void wantsOnlyTheDatabaseFiles(String path, boolean wanted) {
    assertThat(analyzer.wants(path, 100)).isEqualTo(wanted);
  }

  @Test
  void binaryGarbageGivesNoPackagesAndNoException() {
    byte[] garbage = new byte[4096];
    new java.util.Random(7).nextBytes(garbage);
    AnalysisResult result = new InMemoryFile("var/lib/dpkg/status", garbage).analyzeWith(analyzer);

    assertThat(result.packages()).isEmpty();
  }
}
