package dev.bulwark.vulndb.version;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rules of each scheme, one example each, checked both ways round. */
class VersionOrderingTest {
  @ParameterizedTest(name = "{0}: {1} {2} {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "DPKG     | 1.0~rc1         | <  | 1.0",
        "DPKG     | 1.0~~           | <  | 1.0~",
        "DPKG     | 1.0a            | <  | 1.0+",
        "DPKG     | 1:0.1           | >  | 9.9",
        "DPKG     | 1.0             | =  | 1.0-0",
        "DPKG     | 2.36-9+deb12u10 | >  | 2.36-9+deb12u4",
        "APK      | 1.0_alpha1      | <  | 1.0_beta",
        "APK      | 1.0_rc2         | <  | 1.0",
        "APK      | 1.0_p1          | >  | 1.0",
        "APK      | 1.0-r1          | >  | 1.0",
        "APK      | 1.01            | <  | 1.1",
        "APK      | 1.0a            | >  | 1.0",
        "RPM      | 1.0~rc1         | <  | 1.0",
        "RPM      | 1.0^git1        | >  | 1.0",
        "RPM      | 1.0^git1        | <  | 1.0.1",
        "RPM      | 1:1.0           | >  | 2.0",
        "RPM      | 1.0a            | <  | 1.0.1",
        "RPM      | 10              | >  | 9",
        "MAVEN    | 1.0-alpha-1     | <  | 1.0-beta",
        "MAVEN    | 1.0-SNAPSHOT    | <  | 1.0",
        "MAVEN    | 1.0-sp          | >  | 1.0",
        "MAVEN    | 1.0.0           | =  | 1",
        "MAVEN    | 1.0-RC1         | =  | 1.0-cr-1",
        "SEMVER   | 1.0.0-alpha     | <  | 1.0.0-alpha.1",
        "SEMVER   | 1.0.0-alpha.beta | > | 1.0.0-alpha.1",
        "SEMVER   | 1.0.0+1         | =  | 1.0.0+2",
        "GO       | v0.0.0-20230101120000-abcdef123456 | < | v0.0.1",
        "GO       | v1.2.4-0.20230101120000-abcdef123456 | > | v1.2.3",
        "GO       | v2.0.0+incompatible | > | v1.9.9",
        "PEP440   | 1!0.1           | >  | 2.0",
        "PEP440   | 1.0.dev1        | <  | 1.0a1",
        "PEP440   | 1.0+local       | >  | 1.0",
        "PEP440   | 1.0-1           | =  | 1.0.post1",
        "PEP440   | 1.0             | =  | 1.0.0",
        "RUBYGEMS | 1.0.0.rc1       | <  | 1.0.0",
        "RUBYGEMS | 1.0.a           | <  | 1.0",
        "RUBYGEMS | 1.0-1           | <  | 1.0",
        "NUGET    | 1.0.0.1         | >  | 1.0.0",
        "NUGET    | 1.0             | =  | 1.0.0.0",
        "NUGET    | 1.0.0-RC.2      | <  | 1.0.0-rc.10",
      })
  void ordersAsTheSchemeDefines(VersionScheme scheme, String a, String operator, String b) {
    VersionComparator comparator = VersionComparators.of(scheme);
    int expected = ComparisonVectors.operator(operator);

    assertThat(Integer.signum(comparator.compare(a, b))).isEqualTo(expected);
    assertThat(Integer.signum(comparator.compare(b, a))).isEqualTo(-expected);
  }
}
