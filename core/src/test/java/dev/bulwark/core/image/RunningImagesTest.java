package dev.bulwark.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.workload.ImageRef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunningImagesTest {
  private static final String HEX =
      "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  private static final String OTHER =
      "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";

  @ParameterizedTest
  @CsvSource({
    "docker-pullable://nginx@sha256:" + HEX + ", sha256:" + HEX,
    "docker.io/library/nginx@sha256:" + HEX + ", sha256:" + HEX,
    "sha256:" + HEX + ", sha256:" + HEX,
    "nginx:1.25, ",
    "sha256:xyz, ",
    "'', ",
  })
  void theDigestIsTakenFromTheImageIdsRuntimesReport(String imageId, String digest) {
    assertThat(RunningImages.digest(imageId)).isEqualTo(digest);
  }

  @Test
  void everyKindOfContainerStatusWithADigestCounts() throws Exception {
    var pod =
        new ObjectMapper()
            .readTree(
                """
                {"status": {
                  "initContainerStatuses": [{"name": "init", "imageID": "sha256:%s"}],
                  "containerStatuses": [{"name": "app", "imageID": "nginx@sha256:%s"},
                                        {"name": "waiting", "imageID": ""}],
                  "ephemeralContainerStatuses": [{"name": "debug", "imageID": "busybox@sha256:%s"}]}}
                """
                    .formatted(HEX, OTHER, HEX));

    assertThat(RunningImages.of(pod))
        .containsExactly(
            Map.entry("init", "sha256:" + HEX),
            Map.entry("app", "sha256:" + OTHER),
            Map.entry("debug", "sha256:" + HEX));
  }

  @Test
  void aContainerIsJudgedByWhatItsPodsRunElseWhatItPinsElseNothing() {
    ImageRef tag = ImageRef.parse("nginx:1.25");
    ImageRef pinned = ImageRef.parse("nginx@sha256:" + HEX);

    assertThat(RunningImages.judged(tag, List.of("sha256:" + OTHER, "sha256:" + HEX)))
        .isEqualTo("sha256:" + HEX);
    assertThat(RunningImages.judged(pinned, List.of("sha256:" + OTHER)))
        .isEqualTo("sha256:" + OTHER);
    assertThat(RunningImages.judged(pinned, List.of())).isEqualTo("sha256:" + HEX);
    assertThat(RunningImages.judged(tag, List.of())).isNull();
  }
}
