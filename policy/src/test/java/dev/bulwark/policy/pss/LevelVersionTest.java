package dev.bulwark.policy.pss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LevelVersionTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "restricted, restricted:latest, 37",
    "baseline:latest, baseline:latest, 37",
    "baseline:v1.0, baseline:v1.0, 0",
    "restricted:v1.25, restricted:v1.25, 25",
    "privileged:v1.40, privileged:v1.40, 37",
  })
  void readsLevelAndOptionalVersion(String text, String shown, int effectiveMinor) {
    LevelVersion parsed = LevelVersion.parse(text);
    assertThat(parsed).hasToString(shown);
    assertThat(parsed.version().effectiveMinor()).isEqualTo(effectiveMinor);
  }

  @Test
  void latestStaysDistinctFromTheVersionItMeans() {
    PolicyVersion latest = PolicyVersion.parse("latest");
    assertThat(latest.isLatest()).isTrue();
    assertThat(latest.effective()).isEqualTo(PolicyVersion.of(PodSecurityChecks.newestMinor()));
    assertThat(latest).isNotEqualTo(latest.effective());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"strict", "Restricted", "", "restricted:"})
  void badLevelsAndEmptyVersionsAreRefusedWithTheValidChoices(String text) {
    assertThatThrownBy(() -> LevelVersion.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"")
        .hasMessageMatching(".*(privileged, baseline or restricted|latest or v1\\.N).*");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"v2.0", "1.30", "v1.030", "v1.x", "v1.", "LATEST", "v1.99999999999"})
  void badVersionsAreRefused(String text) {
    assertThatThrownBy(() -> PolicyVersion.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown Pod Security version \""
                + text
                + "\": use latest or v1.N, such as v1."
                + PodSecurityChecks.newestMinor());
  }

  @Test
  void anUnknownLevelSaysWhichLevelsExist() {
    assertThatThrownBy(() -> Level.parse("strict"))
        .hasMessage(
            "unknown Pod Security level \"strict\": use privileged, baseline or restricted");
  }
}
