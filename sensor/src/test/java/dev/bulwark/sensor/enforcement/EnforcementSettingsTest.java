package dev.bulwark.sensor.enforcement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnforcementSettingsTest {
  @Test
  void theOwnNamespaceAndKubeSystemAreAlwaysExempt() {
    EnforcementSettings settings = EnforcementSettings.of("security", List.of("infra"), false);
    assertThat(settings.exempts("security")).isTrue();
    assertThat(settings.exempts("kube-system")).isTrue();
    assertThat(settings.exempts("infra")).isTrue();
    assertThat(settings.exempts("shop")).isFalse();
  }

  @Test
  void theOwnNamespaceComesFromTheDownwardApiVariable() {
    assertThat(EnforcementSettings.ownNamespace(Map.of("POD_NAMESPACE", "security")))
        .isEqualTo("security");
  }
}
