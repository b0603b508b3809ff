package dev.bulwark.vulndb.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.vulndb.osv.Event;
import dev.bulwark.vulndb.osv.Range;
import dev.bulwark.vulndb.version.VersionComparator;
import dev.bulwark.vulndb.version.VersionComparators;
import dev.bulwark.vulndb.version.VersionScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AffectedVersionsTest {
  private static final VersionComparator PEP_440 = VersionComparators.of(VersionScheme.PEP440);
  private static final VersionComparator DPKG = VersionComparators.of(VersionScheme.DPKG);

  /** A range from events written as {@code introduced=1.0 fixed=2.0}, listed in any order. */
  private static Range range(String type, String events) {
    List<Event> parsed = new ArrayList<>();
    for (String event : events.split(" ")) {
      String[] parts = event.split("=", 2);
      parsed.add(new Event(Event.Kind.valueOf(parts[0].toUpperCase(Locale.ROOT)), parts[1]));
    }
    return new Range(type, null, parsed);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // events (in record order)                              | version | status       | fixed
        "introduced=0 fixed=2.0                                  | 1.5     | AFFECTED     | 2.0",
        "introduced=0 fixed=2.0                                  | 2.0     | NOT_AFFECTED |",
        "introduced=1.0 fixed=2.0                                | 0.9     | NOT_AFFECTED |",
        "introduced=1.0 fixed=2.0                                | 1.0     | AFFECTED     | 2.0",
        "introduced=1.0 last_affected=1.5                        | 1.5     | AFFECTED     |",
        "introduced=1.0 last_affected=1.5                        | 1.5.1   | NOT_AFFECTED |",
        "fixed=3.1 introduced=3.0 fixed=2.1 introduced=2.0       | 3.0.5   | AFFECTED     | 3.1",
        "fixed=3.1 introduced=3.0 fixed=2.1 introduced=2.0       | 2.5     | NOT_AFFECTED |",
        "introduced=0 fixed=2.1 fixed=3.1                        | 1.0     | AFFECTED     | 2.1",
        "introduced=1.0 limit=1.8                                | 1.9     | NOT_AFFECTED |",
        "introduced=1.0 limit=1.8                                | 1.7     | AFFECTED     |",
        "introduced=1.0 fixed=a1b2.patch                         | 9.0     | AFFECTED     |",
        "introduced=1.0 fixed=2.0                                | 1.0.post1 | AFFECTED   | 2.0",
        "introduced=1.0 fixed=2.0                                | junk!   | UNEVALUATED  |",
      })
  void ecosystemRangesFollowTheOsvEvaluationRules(
      String events, String version, AffectedVersions.Status status, String fixed) {
    AffectedVersions.Decision decision =
        AffectedVersions.of(List.of(range("ECOSYSTEM", events.strip())), List.of(), PEP_440)
            .decide(version);

    assertThat(decision.status()).isEqualTo(status);
    assertThat(decision.fixedVersion()).isEqualTo(fixed);
  }

  @Test
  void unreadableEventsAreDroppedAndCounted() {
    AffectedVersions versions =
        AffectedVersions.of(
            List.of(range("ECOSYSTEM", "introduced=1.0 fixed=a1b2.patch")), List.of(), PEP_440);

    assertThat(versions.droppedEvents()).isEqualTo(1);
  }

  @Test
  void listedVersionsMatchExactlyEvenWhenUnreadable() {
    AffectedVersions versions = AffectedVersions.of(List.of(), List.of("0.7.10p1", "1.0"), PEP_440);

    assertThat(versions.decide("0.7.10p1").affected()).isTrue();
    assertThat(versions.decide("1.0").affected()).isTrue();
    assertThat(versions.decide("1.0.0").affected()).isFalse();
    assertThat(versions.hasEvaluableRange()).isFalse();
  }

  @Test
  void listedVersionsReportTheNextFixOfAnyRange() {
    AffectedVersions versions =
        AffectedVersions.of(
            List.of(range("ECOSYSTEM", "introduced=3.2 fixed=3.2.19")), List.of("3.2a1"), PEP_440);

    AffectedVersions.Decision decision = versions.decide("3.2a1");
    assertThat(decision.affected()).isTrue();
    assertThat(decision.fixedVersion()).isEqualTo("3.2.19");
  }

  @Test
  void semverRangesUseSemanticOrderingWhateverTheEcosystem() {
    // dpkg would put 1.0.0~rc1 below 1.0.0; it is not a semantic version at all.
    AffectedVersions versions =
        AffectedVersions.of(
            List.of(range("SEMVER", "introduced=1.0.0-rc.1 fixed=1.0.0")), List.of(), DPKG);

    assertThat(versions.decide("1.0.0-rc.2").affected()).isTrue();
    assertThat(versions.decide("1.0.0").affected()).isFalse();
    assertThat(versions.decide("1.0.0~rc1").status())
        .isEqualTo(AffectedVersions.Status.UNEVALUATED);
  }

  @Test
  void gitRangesAreIgnored() {
    AffectedVersions versions =
        AffectedVersions.of(
            List.of(
                new Range(
                    "GIT",
                    "https://example.com/repo",
                    List.of(new Event(Event.Kind.INTRODUCED, "0")))),
            List.of(),
            PEP_440);

    assertThat(versions.hasEvaluableRange()).isFalse();
    assertThat(versions.decide("1.0").status()).isEqualTo(AffectedVersions.Status.NOT_AFFECTED);
  }

  @Test
  void withoutAnOrderingOnlyListedVersionsMatch() {
    AffectedVersions versions =
        AffectedVersions.of(List.of(range("ECOSYSTEM", "introduced=0")), List.of("1.0"), null);

    assertThat(versions.decide("1.0").affected()).isTrue();
    assertThat(versions.decide("2.0").affected()).isFalse();
  }
}
