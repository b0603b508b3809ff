package dev.bulwark.scanner.analyzer.apk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.scanner.analyzer.AnalysisResult;
import dev.bulwark.scanner.analyzer.InMemoryFile;
import dev.bulwark.scanner.analyzer.OsPackages;
import dev.bulwark.scanner.analyzer.OsRelease;
import dev.bulwark.scanner.analyzer.Package;
import org.junit.jupiter.api.Test;

class ApkAnalyzerTest {
  private final ApkAnalyzer analyzer = new ApkAnalyzer();

  @Test
  void readsPackagesWithOriginAndArchitecture() {
    AnalysisResult result =
        InMemoryFile.text(
                "lib/apk/db/installed",
                """
                C:Q1abc=
                P:musl
                V:1.2.4_git20230717-r4
                A:x86_64
                o:musl
                T:the musl c library

                P:libcrypto3
                V:3.1.4-r5
                A:x86_64
                o:openssl

                P:noversion
                A:x86_64
                """)
            .analyzeWith(analyzer);

    assertThat(result.packages()).extracting(Package::name).containsExactly("musl", "libcrypto3");
    Package crypto = result.packages().get(1);
    assertThat(crypto.sourceName()).isEqualTo("openssl");
    assertThat(crypto.purl().toString())
        .isEqualTo("pkg:apk/alpine/libcrypto3@3.1.4-r5?arch=x86_64");
    assertThat(
            OsPackages.attribute(crypto, new OsRelease("alpine", "3.19.1", null, null))
                .purl()
                .toString())
        .isEqualTo("pkg:apk/alpine/libcrypto3@3.1.4-r5?arch=x86_64&distro=alpine-3.19.1");
    assertThat(result.notes())
        .singleElement()
        .extracting("path")
        .isEqualTo("lib/apk/db/installed:13");
  }

  @Test
  void wantsOnlyTheInstalledDatabase() {
    assertThat(analyzer.wants("lib/apk/db/installed", 10)).isTrue();
    assertThat(analyzer.wants("lib/apk/db/triggers", 10)).isFalse();
  }
}
