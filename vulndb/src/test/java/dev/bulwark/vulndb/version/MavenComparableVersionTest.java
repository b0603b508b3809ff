package dev.bulwark.vulndb.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Maven's own ComparableVersion test cases (taken from Maven 4's test), checked against Bulwark's
 * Maven 3.9 ordering.
 */
class MavenComparableVersionTest {
  /** Lines where Maven 4 orders differently from Maven 3.9, which Bulwark follows. */
  private static final Set<String> MAVEN_4_ONLY = Set.of();

  @Test
  void everyLineOrdersAsMavenDoes() {
    ComparisonVectors.Outcome outcome =
        ComparisonVectors.check(
            ConformanceData.path("version-vectors/maven/comparable-version.txt"),
            VersionComparators.of(VersionScheme.MAVEN),
            MAVEN_4_ONLY);

    System.out.printf("maven/comparable-version.txt: %d vectors checked%n", outcome.checked());
    assertThat(outcome.failures()).isEmpty();
    assertThat(outcome.checked()).isGreaterThan(900);
  }
}
