package dev.bulwark.scanner.vuln;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.scanner.analyzer.Ecosystem;
import dev.bulwark.scanner.analyzer.OsRelease;
import dev.bulwark.scanner.analyzer.Package;
import dev.bulwark.scanner.analyzer.PackageUrl;
import dev.bulwark.vulndb.match.PackageQuery;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PackageQueriesTest {
  private static Package distribution(
      Ecosystem ecosystem, String name, String version, String sourceName, String sourceVersion) {
    return new Package(
        name,
        version,
        ecosystem,
        PackageUrl.of(ecosystem.purlType(), null, name, version),
        sourceName,
        sourceVersion,
        "amd64",
        "var/lib/packages");
  }

  private static Package library(Ecosystem ecosystem, String name, String version) {
    return Package.library(
        name, version, ecosystem, PackageUrl.of(ecosystem.purlType(), null, name, version), "app");
  }

  private static OsRelease os(String id, @Nullable String versionId) {
    return new OsRelease(id, versionId, null, null);
  }

  @Test
  void debianQueriesTheMajorReleaseWithTheSourcePackage() {
    Package libssl =
        distribution(
            Ecosystem.DEBIAN, "libssl3", "3.0.11-1~deb12u2+b1", "openssl", "3.0.11-1~deb12u2");

    assertThat(PackageQueries.of(libssl, os("debian", "12.4")))
        .containsExactly(
            new PackageQuery(
                "Debian:12", "libssl3", "3.0.11-1~deb12u2+b1", "openssl", "3.0.11-1~deb12u2"));
  }

  @Test
  void aSourceVersionEqualToTheVersionIsLeftOut() {
    Package zlib = distribution(Ecosystem.DEBIAN, "zlib1g", "1:1.2.13", "zlib", "1:1.2.13");

    assertThat(PackageQueries.of(zlib, os("debian", "12")))
        .containsExactly(new PackageQuery("Debian:12", "zlib1g", "1:1.2.13", "zlib", null));
  }

  @ParameterizedTest
  @CsvSource({
    "ALPINE, alpine, 3.20.3, Alpine:v3.20",
    "ALMA_LINUX, almalinux, 10.0, AlmaLinux:10",
    "ROCKY_LINUX, rocky, 9.3, Rocky Linux:9",
    "DEBIAN, debian, 12, Debian:12",
  })
  void distributionReleasesAreNamedAsOsvNamesThem(
      Ecosystem ecosystem, String id, String versionId, String expected) {
    Package found = distribution(ecosystem, "pkg", "1.0-r0", "pkg", "1.0-r0");

    assertThat(PackageQueries.of(found, os(id, versionId)))
        .extracting(PackageQuery::ecosystem)
        .containsExactly(expected);
  }

  @Test
  void ubuntuQueriesTheReleaseAndItsLongTermSupportKey() {
    Package found = distribution(Ecosystem.UBUNTU, "bash", "5.1-6ubuntu1", "bash", "5.1-6ubuntu1");

    assertThat(PackageQueries.of(found, os("ubuntu", "22.04")))
        .extracting(PackageQuery::ecosystem)
        .containsExactly("Ubuntu:22.04", "Ubuntu:22.04:LTS");
  }

  @Test
  void distributionPackagesWithoutAKnownReleaseGetNoQuery() {
    Package found = distribution(Ecosystem.DEBIAN, "bash", "5.2", "bash", "5.2");

    assertThat(PackageQueries.of(found, null)).isEmpty();
    assertThat(PackageQueries.of(found, os("debian", null))).isEmpty();
    assertThat(PackageQueries.of(found, os("debian", "trixie/sid"))).isEmpty();
    assertThat(
            PackageQueries.of(
                distribution(Ecosystem.RED_HAT, "bash", "5.1-2.el9", "bash", "5.1-2.el9"),
                os("rhel", "9.4")))
        .isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"PYPI, Django, 3.2.1, PyPI", "GO, golang.org/x/net, v0.17.0, Go"})
  void languagePackagesAreQueriedByEcosystemWhateverTheOperatingSystem(
      Ecosystem ecosystem, String name, String version, String expected) {
    assertThat(PackageQueries.of(library(ecosystem, name, version), os("debian", "12")))
        .containsExactly(PackageQuery.of(expected, name, version));
    assertThat(PackageQueries.of(library(ecosystem, name, version), null))
        .containsExactly(PackageQuery.of(expected, name, version));
  }
}
