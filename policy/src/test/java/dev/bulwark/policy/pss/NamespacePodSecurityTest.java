package dev.bulwark.policy.pss;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NamespacePodSecurityTest {
  private static final String ENFORCE = "pod-security.kubernetes.io/enforce";
  private static final String ENFORCE_VERSION = "pod-security.kubernetes.io/enforce-version";
  private static final String AUDIT = "pod-security.kubernetes.io/audit";
  private static final String WARN = "pod-security.kubernetes.io/warn";
  private static final String WARN_VERSION = "pod-security.kubernetes.io/warn-version";

  @Test
  void aNamespaceWithoutPodSecurityLabelsHasNoPolicy() {
    assertThat(NamespacePodSecurity.fromLabels(Map.of())).isEmpty();
    assertThat(NamespacePodSecurity.fromLabels(Map.of("team", "shop"))).isEmpty();
  }

  @Test
  void enforceWithoutVersionMeansLatestAndWarnFollowsIt() {
    NamespacePodSecurity policy =
        NamespacePodSecurity.fromLabels(Map.of(ENFORCE, "baseline")).orElseThrow();
    assertThat(policy.enforce()).hasToString("baseline:latest");
    assertThat(policy.audit()).hasToString("privileged:latest");
    assertThat(policy.warn()).hasToString("baseline:latest");
    assertThat(policy.problems()).isEmpty();
  }

  @Test
  void versionLabelsApplyAndWarnKeepsItsOwnVersionLabel() {
    NamespacePodSecurity policy =
        NamespacePodSecurity.fromLabels(
                Map.of(ENFORCE, "restricted", ENFORCE_VERSION, "v1.24", WARN_VERSION, "v1.30"))
            .orElseThrow();
    assertThat(policy.of(AdmissionMode.ENFORCE)).hasToString("restricted:v1.24");
    assertThat(policy.of(AdmissionMode.WARN)).hasToString("restricted:v1.30");
  }

  @Test
  void anExplicitWarnLevelIsKept() {
    NamespacePodSecurity policy =
        NamespacePodSecurity.fromLabels(Map.of(ENFORCE, "restricted", WARN, "baseline"))
            .orElseThrow();
    assertThat(policy.warn()).hasToString("baseline:latest");
  }

  @Test
  void badLabelsFailClosedForEnforceAndOpenForAuditAndWarn() {
    NamespacePodSecurity policy =
        NamespacePodSecurity.fromLabels(
                Map.of(ENFORCE, "strict", ENFORCE_VERSION, "1.30", AUDIT, "loud", WARN, "x"))
            .orElseThrow();
    assertThat(policy.enforce()).hasToString("restricted:latest");
    assertThat(policy.audit().level()).isEqualTo(Level.PRIVILEGED);
    assertThat(policy.warn().level()).isEqualTo(Level.PRIVILEGED);
    assertThat(policy.problems())
        .hasSize(4)
        .anySatisfy(problem ->
            assertThat(problem)
                .isEqualTo(
                    "label pod-security.kubernetes.io/enforce: unknown Pod Security level"
                        + " \"strict\": use privileged, baseline or restricted; admission uses"
                        + " restricted"));
  }
}
