package dev.bulwark.vulndb.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.vulndb.ConformanceData;
import java.io.IOException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The registry of comparators and the OSV ecosystem names. */
class VersionComparatorsTest {
  /** Names the registry knows that the OSV schema snapshot does not list. */
  private static final Set<String> NOT_IN_SNAPSHOT = Set.of("crates.io");

  @ParameterizedTest
  @EnumSource(VersionScheme.class)
  void everySchemeHasItsOwnComparator(VersionScheme scheme) {
    assertThat(VersionComparators.of(scheme).scheme()).isEqualTo(scheme);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "Debian:12, DPKG",
    "Ubuntu:22.04, DPKG",
    "Ubuntu:22.04:LTS, DPKG",
    "Alpine:v3.20, APK",
    "Wolfi, APK",
    "AlmaLinux:10, RPM",
    "Red Hat, RPM",
    "Rocky Linux:9, RPM",
    "SUSE:Linux Enterprise Server 15 SP6, RPM",
    "Maven, MAVEN",
    "npm, SEMVER",
    "crates.io, SEMVER",
    "Hex, SEMVER",
    "Go, GO",
    "PyPI, PEP440",
    "RubyGems, RUBYGEMS",
    "NuGet, NUGET",
  })
  void osvEcosystemsMapToTheirScheme(String ecosystem, VersionScheme scheme) {
    assertThat(VersionComparators.forOsvEcosystem(ecosystem))
        .hasValueSatisfying(comparator -> assertThat(comparator.scheme()).isEqualTo(scheme));
  }

  @Test
  void ecosystemsWithoutAComparatorAreEmpty() {
    assertThat(VersionComparators.forOsvEcosystem("Packagist")).isEmpty();
    assertThat(VersionComparators.forOsvEcosystem("debian:12")).as("OSV names are exact").isEmpty();
    assertThat(VersionComparators.forOsvEcosystem("")).isEmpty();
  }

  @Test
  void everyOsvNameIsDefinedByTheOsvSchema() throws IOException {
    JsonNode defined =
        new ObjectMapper().readTree(ConformanceData.path("osv-schema/ecosystems.json").toFile());

    assertThat(VersionComparators.osvEcosystems())
        .filteredOn(name -> !NOT_IN_SNAPSHOT.contains(name))
        .allSatisfy(name -> assertThat(defined.has(name)).as(name).isTrue());
  }

  @Test
  void anInvalidVersionSaysWhatIsWrongAndWhatIsExpected() {
    VersionComparator dpkg = VersionComparators.of(VersionScheme.DPKG);

    assertThatThrownBy(() -> dpkg.compare("1.0", "x:2.0"))
        .isInstanceOfSatisfying(
            InvalidVersionException.class,
            e -> {
              assertThat(e.scheme()).isEqualTo(VersionScheme.DPKG);
              assertThat(e.version()).isEqualTo("x:2.0");
            })
        .hasMessage(
            "invalid Debian version \"x:2.0\": the epoch before ':' must be a number (expected"
                + " [epoch:]upstream[-revision], such as 1:2.36-9+deb12u4)");
  }

  @ParameterizedTest(name = "{0} \"{1}\" valid: {2}")
  @CsvSource({
    "DPKG, 1:2.36-9+deb12u4, true",
    "DPKG, '', false",
    "DPKG, 1.0-, false",
    "DPKG, 1.0 2, false",
    "APK, 1.36.1_p2-r3, true",
    "APK, 1.2.0A, false",
    "APK, '', false",
    "RPM, 1:3.0.7-27.el9, true",
    "RPM, '', false",
    "MAVEN, 1.0-SNAPSHOT, true",
    "MAVEN, ' ', false",
    "SEMVER, v1.2.3-rc.1+build, true",
    "SEMVER, 1.2.3-, false",
    "SEMVER, hello, false",
    "GO, v0.0.0-20230101120000-abcdef123456, true",
    "GO, v1.2.3+incompatible, true",
    "GO, =1.2.3, false",
    "PEP440, 1!2.0rc1.post2.dev3+ubuntu.1, true",
    "PEP440, french toast, false",
    "RUBYGEMS, 7.1.0.rc1, true",
    "RUBYGEMS, 1..2, false",
    "NUGET, 1.0.0.1-beta.2+sha, true",
    "NUGET, 1.2.3.4.5, false",
  })
  void validityMatchesWhatCompareAccepts(VersionScheme scheme, String version, boolean valid) {
    VersionComparator comparator = VersionComparators.of(scheme);

    assertThat(comparator.isValid(version)).isEqualTo(valid);
    if (valid) {
      assertThat(comparator.compare(version, version)).isZero();
    }
  }

  @ParameterizedTest(name = "{0}: \"{1}\" is rejected")
  @CsvSource({"DPKG, ''", "APK, ''", "RPM, ''", "SEMVER, x", "GO, x", "NUGET, x", "RUBYGEMS, x"})
  void compareRejectsWhatItCannotParse(VersionScheme scheme, String version) {
    VersionComparator comparator = VersionComparators.of(scheme);

    assertThatThrownBy(() -> comparator.compare(version, "1.0"))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining(scheme.displayName());
  }
}
