package dev.bulwark.policy.pss;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PodSecurityChecksTest {
  @Test
  void theRegistryHoldsTheNineteenChecksOfTheAdmissionPlugin() {
    assertThat(PodSecurityChecks.all())
        .extracting(PodSecurityCheck::id)
        .containsExactly(
            "appArmorProfile",
            "capabilities_baseline",
            "hostNamespaces",
            "hostPathVolumes",
            "hostPorts",
            "hostProbesAndHostLifecycle",
            "privileged",
            "procMount",
            "seLinuxOptions",
            "seccompProfile_baseline",
            "sysctls",
            "windowsHostProcess",
            "allowPrivilegeEscalation",
            "capabilities_restricted",
            "procMount_restricted",
            "restrictedVolumes",
            "runAsNonRoot",
            "runAsUser",
            "seccompProfile_restricted");
    assertThat(PodSecurityChecks.newestMinor()).isEqualTo(37);
    assertThat(PodSecurityChecks.byId("sysctls").orElseThrow().changedIn())
        .extracting(PolicyVersion::toString)
        .containsExactly("v1.0", "v1.27", "v1.29", "v1.32", "v1.37");
  }

  @Test
  void restrictedRunsBaselineChecksExceptThoseItsOwnChecksReplace() {
    assertThat(PodSecurityChecks.idsAt(LevelVersion.parse("restricted:v1.0")))
        .containsExactly(
            "appArmorProfile",
            "capabilities_baseline",
            "hostNamespaces",
            "hostPorts",
            "privileged",
            "procMount",
            "seLinuxOptions",
            "seccompProfile_baseline",
            "sysctls",
            "windowsHostProcess",
            "restrictedVolumes",
            "runAsNonRoot");
    List<String> latest = PodSecurityChecks.idsAt(LevelVersion.parse("restricted"));
    assertThat(latest)
        .doesNotContain(
            "capabilities_baseline", "hostPathVolumes", "procMount", "seccompProfile_baseline")
        .contains("hostProbesAndHostLifecycle", "procMount_restricted", "runAsUser")
        .hasSize(15);
    assertThat(PodSecurityChecks.idsAt(LevelVersion.parse("baseline:v1.33")))
        .hasSize(11)
        .doesNotContain("hostProbesAndHostLifecycle");
    assertThat(PodSecurityChecks.idsAt(LevelVersion.parse("privileged"))).isEmpty();
  }

  @Test
  void validationFindsDuplicatesBadOrderAndBadOverrides() {
    PodCheckRule passes = pod -> null;
    List<PodSecurityCheck> broken =
        List.of(
            PodSecurityCheck.baseline("a", "A.", PodSecurityCheck.since(0, passes)),
            PodSecurityCheck.baseline("a", "A again.", PodSecurityCheck.since(0, passes)),
            PodSecurityCheck.baseline(
                "b", " ", PodSecurityCheck.since(5, passes), PodSecurityCheck.since(5, passes)),
            PodSecurityCheck.restricted(
                "c", "C.", Set.of("missing"), PodSecurityCheck.since(0, passes)),
            new PodSecurityCheck("d", Level.BASELINE, "D.", Set.of("a"), List.of()));
    assertThat(PodSecurityChecks.problems(broken))
        .containsExactlyInAnyOrder(
            "a: ID used by two checks",
            "b: no summary",
            "b: versions must strictly increase",
            "c: only a restricted check may override a baseline check: missing",
            "d: no versions",
            "d: only a restricted check may override a baseline check: a");
    assertThat(PodSecurityChecks.problems(PodSecurityChecks.all())).isEmpty();
  }

  @Test
  void theDocumentationListsEveryCheck() throws IOException {
    String docs = Files.readString(Path.of("../docs/pss.md"));
    for (PodSecurityCheck check : PodSecurityChecks.all()) {
      assertThat(docs).contains("| `" + check.id() + "` | " + check.level().label() + " |");
    }
  }
}
