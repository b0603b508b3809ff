package dev.bulwark.sensor.enforcement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.sensor.admission.AdmissionPushOptions;
import dev.bulwark.sensor.reports.ReportOptions;
import dev.bulwark.sensor.reports.ReportSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The options mixins parse as the sensor command will take them. */
class EnforcementOptionsTest {
  @Command(name = "sensor")
  static final class Sensor {
    @Mixin EnforcementOptions enforcement = new EnforcementOptions();
    @Mixin ReportOptions reports = new ReportOptions();
    @Mixin AdmissionPushOptions admission = new AdmissionPushOptions();
  }

  @Test
  void theDefaultsEnforceWriteReportsAndInstallTheirDefinitions() {
    Sensor sensor = new Sensor();
    new CommandLine(sensor).parseArgs();
    EnforcementSettings settings = sensor.enforcement.settings(Map.of("POD_NAMESPACE", "bulwark"));
    assertThat(settings.dryRun()).isFalse();
    assertThat(settings.exemptNamespaces()).containsExactlyInAnyOrder("bulwark", "kube-system");
    assertThat(sensor.reports.settings()).isEqualTo(ReportSettings.defaults());
  }

  @Test
  void theOptionsChangeThem() {
    Sensor sensor = new Sensor();
    new CommandLine(sensor)
        .parseArgs(
            "--no-enforcement",
            "--enforcement-exempt-namespace=infra",
            "--policy-report-results=10",
            "--no-policy-report-crds");
    EnforcementSettings settings = sensor.enforcement.settings(Map.of("POD_NAMESPACE", "security"));
    assertThat(settings.dryRun()).isTrue();
    assertThat(settings.exemptNamespaces())
        .containsExactlyInAnyOrder("security", "kube-system", "infra");
    assertThat(sensor.reports.settings().maxResults()).isEqualTo(10);
    assertThat(sensor.reports.settings().installDefinitions()).isFalse();
  }
}
