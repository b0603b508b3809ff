package dev.bulwark.render.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HelmOptionsTest {
  @ParameterizedTest
  @ValueSource(strings = {"image", "=nginx", ""})
  void setWithoutKeyAndValueIsRejected(String set) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> HelmOptions.of(List.of(), List.of(set)))
        .withMessage("--set expects key=value (for example image.tag=1.2.3), got: " + set);
  }

  @ParameterizedTest
  @ValueSource(strings = {"image.tag=1.2.3", "flag=", "url=https://example.com/?a=b"})
  void setWithAKeyIsAccepted(String set) {
    assertThat(HelmOptions.of(List.of(), List.of(set)).setValues()).containsExactly(set);
  }
}
