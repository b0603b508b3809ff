package dev.bulwark.policy.pss;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.manifest.ManifestError;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.ManifestReader;
import dev.bulwark.core.manifest.ManifestSink;
import dev.bulwark.core.manifest.ManifestSource;
import dev.bulwark.core.manifest.ReadLimits;
import dev.bulwark.policy.pss.ConformanceFixtures.Fixture;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Every fixture of the PodSecurity admission plugin's own test data (4,537 pods over both levels
 * and versions v1.0 to v1.37) gets the plugin's verdict; every denied fixture fails the check it
 * was made for, with the plugin's reason in the message.
 */
class PodSecurityConformanceTest {
  private static final ManifestReader READER = new ManifestReader(ReadLimits.DEFAULT);

  @Test
  void everyFixtureGetsTheAdmissionPluginsVerdict() throws IOException {
    List<Fixture> fixtures = ConformanceFixtures.all();
    List<String> mismatches = new ArrayList<>();
    int failFixtures = 0;
    int requiringApiError = 0;
    int replacedByRestrictedCheck = 0;
    for (Fixture fixture : fixtures) {
      PodSecurityResult result =
          PodSecurityStandards.evaluate(
                  read(fixture),
                  new LevelVersion(
                      Level.parse(fixture.level()), PolicyVersion.parse(fixture.version())))
              .orElseThrow(() -> new AssertionError(fixture.path() + ": no pod found"));
      String mismatch = mismatch(fixture, result);
      if (mismatch != null) {
        mismatches.add(fixture.path() + ": " + mismatch);
      }
      failFixtures += fixture.pass() ? 0 : 1;
      boolean reportedUnderOwnId =
          result.failedChecks().stream().anyMatch(check -> check.id().equals(fixture.checkId()));
      replacedByRestrictedCheck += fixture.pass() || reportedUnderOwnId ? 0 : 1;
      requiringApiError += fixture.requiresApiError() ? 1 : 0;
    }
    assertThat(mismatches)
        .as("fixtures without the admission plugin's verdict, of %d", fixtures.size())
        .isEmpty();
    assertThat(fixtures).hasSize(4537);
    assertThat(failFixtures).isEqualTo(3486);
    assertThat(requiringApiError).isEqualTo(12);
    // Restricted fixtures made for capabilities_baseline (v1.22+), hostPathVolumes,
    // seccompProfile_baseline (v1.19+) and procMount (v1.35+) fail the check that replaces it.
    assertThat(replacedByRestrictedCheck).isEqualTo(203);
  }

  /** What is wrong with {@code result} for {@code fixture}, or null when it is right. */
  private static @Nullable String mismatch(Fixture fixture, PodSecurityResult result) {
    if (fixture.pass()) {
      return result.allowed() ? null : "expected allowed, failed " + describe(result);
    }
    if (result.allowed()) {
      return "expected " + fixture.checkId() + " to fail, but the pod is allowed";
    }
    FailedCheck failed =
        result.failedChecks().stream()
            .filter(check -> covers(check.id(), fixture.checkId()))
            .findFirst()
            .orElse(null);
    if (failed == null) {
      return "expected " + fixture.checkId() + " to fail, failed " + describe(result);
    }
    if (!failed.message().contains(fixture.expectedSubstring())) {
      return "message lacks \"" + fixture.expectedSubstring() + "\": " + failed.message();
    }
    if (failed.line() <= 0) {
      return "no line for " + failed.id();
    }
    return null;
  }

  /**
   * Whether a failure of check {@code failedId} is the failure the fixture for {@code fixtureId}
   * expects: the same check, or the restricted check that replaces it at that level (the plugin
   * runs capabilities_restricted instead of capabilities_baseline, say).
   */
  private static boolean covers(String failedId, String fixtureId) {
    return failedId.equals(fixtureId)
        || PodSecurityChecks.byId(failedId)
            .map(check -> check.overrides().contains(fixtureId))
            .orElse(false);
  }

  private static String describe(PodSecurityResult result) {
    Set<String> ids =
        result.failedChecks().stream()
            .map(check -> check.id() + " (" + check.message() + ")")
            .collect(Collectors.toCollection(LinkedHashSet::new));
    return String.join(", ", ids);
  }

  private static ManifestObject read(Fixture fixture) throws IOException {
    List<ManifestObject> objects = new ArrayList<>();
    READER.read(
        ManifestSource.TextSource.direct(fixture.path(), Files.readString(fixture.file())),
        new ManifestSink() {
          @Override
          public void object(ManifestObject object) {
            objects.add(object);
          }

          @Override
          public void error(ManifestError error) {
            throw new AssertionError("fixture does not parse: " + error);
          }
        });
    assertThat(objects).as(fixture.path()).hasSize(1);
    return objects.get(0);
  }
}
