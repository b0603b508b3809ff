package dev.bulwark.bench.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The load generator against real controllers, briefly: a check of the tool (every request answered
 * with a review of the verdict its body must get), not of the controller's speed.
 */
class AdmissionLoadTest {
  private static final LoadSettings BRIEF =
      new LoadSettings(100, Duration.ofSeconds(2), Duration.ZERO, 64, Duration.ofSeconds(10), 5);

  @Test
  void everyRequestToAnInProcessControllerGetsTheVerdictItsBodyMustGet() throws Exception {
    AdmissionLoad load = new AdmissionLoad();
    load.inProcess = true;

    LoadResult result = load.run(BRIEF);

    assertThat(result.firstError()).isNull();
    assertThat(result.sent()).isEqualTo(200);
    assertThat(result.errors()).isZero();
    assertThat(result.unexpected()).isZero();
    assertThat(result.allowed() + result.denied()).isEqualTo(200);
    assertThat(result.denied()).isPositive();
    assertThat(result.allowed()).isGreaterThan(result.denied());
    assertThat(result.latencies().count()).isEqualTo(200);
    assertThat(result.latencies().max()).isGreaterThanOrEqualTo(result.latencies().p50());
    assertThat(result.summary())
        .startsWith("admission-load target=in-process rate=100/s duration=2s warmup=0s sent=200 ")
        .contains(" errors=0 ", " unexpected=0 ");
  }

  @Test
  void aControllerInItsOwnJvmIsStartedMeasuredAndStopped() throws Exception {
    AdmissionLoad load = new AdmissionLoad();
    load.serverJvmOptions = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m";

    LoadResult result =
        load.run(
            new LoadSettings(
                50, Duration.ofSeconds(1), Duration.ZERO, 64, Duration.ofSeconds(10), 7));

    assertThat(result.firstError()).isNull();
    assertThat(result.target()).isEqualTo("separate-jvm");
    assertThat(result.sent()).isEqualTo(50);
    assertThat(result.allowed() + result.denied()).isEqualTo(50);
    assertThat(result.unexpected()).isZero();
    assertThat(result.serverCpu()).isPresent();
  }

  @Test
  void theMixHoldsTwentyDistinctRealisticReviewsOfEveryWorkloadKind() {
    List<ReviewBody> mix = ReviewMix.bodies(5);

    assertThat(mix).hasSize(20);
    assertThat(mix).extracting(ReviewBody::name).doesNotHaveDuplicates();
    assertThat(mix)
        .extracting(body -> body.name().substring(0, body.name().indexOf(' ')))
        .contains("Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "Pod");
    assertThat(mix).filteredOn(ReviewBody::expectDenied).hasSize(5);
    assertThat(mix).filteredOn(body -> body.name().contains(" UPDATE ")).hasSizeGreaterThan(4);
    assertThat(mix).allSatisfy(body -> assertThat(body.bytes().length).isBetween(3_000, 20_000));
    assertThat(ReviewMix.bodies(5).get(3).bytes()).isEqualTo(mix.get(3).bytes());
  }

  @Test
  void everyRequestCarriesItsOwnUidInPlaceOfThePlaceholder() {
    ReviewBody body = ReviewMix.bodies(5).getFirst();
    String uid = ReviewBody.uid(0xabcdef12L, 42);

    String text = new String(body.withUid(uid), java.nio.charset.StandardCharsets.UTF_8);

    assertThat(uid).hasSameSizeAs(ReviewBody.PLACEHOLDER_UID);
    assertThat(text).contains("\"request\":{\"uid\":\"" + uid + "\"");
    assertThat(text).doesNotContain(ReviewBody.PLACEHOLDER_UID);
  }

  @Test
  void settingsRefuseRunsThatCannotBeMeasured() {
    Duration second = Duration.ofSeconds(1);
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> new LoadSettings(0, second, second, 1, second, 1));
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> new LoadSettings(10, Duration.ZERO, second, 1, second, 1));
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> new LoadSettings(10, second, second, 0, second, 1));
  }
}
