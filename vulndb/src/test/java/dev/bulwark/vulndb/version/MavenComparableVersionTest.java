package dev.bulwark.vulndb.version;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.vulndb.ConformanceData;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Maven 4's own ComparableVersion test cases, which Bulwark follows: every line must pass, with no
 * exceptions.
 */
class MavenComparableVersionTest {
  @Test
  void everyLineOrdersAsMavenDoes() {
    ComparisonVectors.Outcome outcome =
        ComparisonVectors.check(
            ConformanceData.path("version-vectors/maven/comparable-version.txt"),
            VersionComparators.of(VersionScheme.MAVEN),
            Set.of());

    System.out.printf("maven/comparable-version.txt: %d vectors checked%n", outcome.checked());
    assertThat(outcome.failures()).isEmpty();
    assertThat(outcome.checked()).isGreaterThan(900);
  }
}
