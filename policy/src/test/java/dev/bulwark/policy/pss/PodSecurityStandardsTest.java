package dev.bulwark.policy.pss;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.policy.engine.TestYaml;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PodSecurityStandardsTest {
  /** A pod that passes restricted at every version. */
  private static final String RESTRICTED_POD =
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        securityContext:
          runAsNonRoot: true
          seccompProfile:
            type: RuntimeDefault
        containers:
          - name: app
            image: nginx:1.27
            securityContext:
              allowPrivilegeEscalation: false
              capabilities:
                drop: ["ALL"]
      """;

  private static PodSecurityResult evaluate(String yaml, String policy) {
    return PodSecurityStandards.evaluate(TestYaml.object(yaml), LevelVersion.parse(policy))
        .orElseThrow();
  }

  private static List<String> failedIds(String yaml, String policy) {
    return evaluate(yaml, policy).failedChecks().stream().map(FailedCheck::id).toList();
  }

  @Test
  void aHardenedPodPassesRestrictedAtEveryVersion() {
    for (int minor = 0; minor <= PodSecurityChecks.newestMinor(); minor++) {
      assertThat(failedIds(RESTRICTED_POD, "restricted:v1." + minor)).as("v1.%d", minor).isEmpty();
    }
    assertThat(evaluate(RESTRICTED_POD, "restricted").allowed()).isTrue();
  }

  @Test
  void aDeploymentTemplateIsEvaluatedWithTheLineOfTheOffendingField() {
    String yaml =
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: agent
        spec:
          template:
            metadata:
              labels:
                app: agent
            spec:
              containers:
                - name: agent
                  image: agent:1.0
                  securityContext:
                    privileged: true
        """;
    PodSecurityResult result = evaluate(yaml, "baseline:v1.30");
    assertThat(result.allowed()).isFalse();
    FailedCheck privileged = result.failedChecks().get(0);
    assertThat(privileged.id()).isEqualTo("privileged");
    assertThat(privileged.path().toString())
        .isEqualTo("spec.template.spec.containers[0].securityContext.privileged");
    assertThat(privileged.line()).isEqualTo(15);
    assertThat(privileged.message()).startsWith("privileged: ").contains("\"agent\"");
  }

  @Test
  void aCronJobsPodTemplateIsFound() {
    String yaml =
        """
        apiVersion: batch/v1
        kind: CronJob
        metadata:
          name: backup
        spec:
          schedule: "@daily"
          jobTemplate:
            spec:
              template:
                spec:
                  hostPID: true
                  containers:
                    - name: backup
                      image: backup:2
        """;
    FailedCheck failed = evaluate(yaml, "baseline").failedChecks().get(0);
    assertThat(failed.id()).isEqualTo("hostNamespaces");
    assertThat(failed.path().toString()).isEqualTo("spec.jobTemplate.spec.template.spec.hostPID");
    assertThat(failed.line()).isEqualTo(11);
  }

  @Test
  void theRestrictedLevelReportsEveryFailingCheckInThePluginsOrder() {
    String yaml =
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: loose
        spec:
          hostNetwork: true
          containers:
            - name: app
              image: app:1
        """;
    assertThat(failedIds(yaml, "restricted:latest"))
        .containsExactly(
            "hostNamespaces",
            "allowPrivilegeEscalation",
            "capabilities_restricted",
            "runAsNonRoot",
            "seccompProfile_restricted");
  }

  @Test
  void thePrivilegedLevelAllowsAnything() {
    String yaml =
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: root
        spec:
          hostPID: true
          containers:
            - name: app
              image: app:1
              securityContext: {privileged: true}
        """;
    assertThat(evaluate(yaml, "privileged").allowed()).isTrue();
  }

  @ParameterizedTest(name = "hostUsers {0} at {1}: {2}")
  @CsvSource({
    "true, restricted:v1.22, ''",
    "true, restricted:v1.23, runAsUser",
    "false, restricted:v1.34, runAsUser",
    "false, restricted:v1.35, ''",
  })
  void rootUserDependsOnTheVersionAndTheUserNamespace(
      boolean hostUsers, String policy, String expected) {
    String yaml =
        RESTRICTED_POD
            .replace("runAsNonRoot: true", "runAsNonRoot: true\n    runAsUser: 0")
            .replace("spec:\n", "spec:\n  hostUsers: " + hostUsers + "\n");
    assertThat(failedIds(yaml, policy))
        .isEqualTo(expected.isEmpty() ? List.of() : List.of(expected));
  }

  @Test
  void anUnmaskedProcMountIsAllowedAtBaselineInAUserNamespaceFromV135Only() {
    String yaml =
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: nested
        spec:
          hostUsers: false
          containers:
            - name: app
              image: app:1
              securityContext:
                procMount: Unmasked
        """;
    assertThat(failedIds(yaml, "baseline:v1.34")).containsExactly("procMount");
    assertThat(failedIds(yaml, "baseline:v1.35")).isEmpty();
    assertThat(failedIds(yaml, "restricted:v1.35")).contains("procMount_restricted");
    String hostUsers = yaml.replace("hostUsers: false", "hostUsers: true");
    assertThat(evaluate(hostUsers, "baseline:v1.35").failedChecks().get(0).message())
        .contains("procMount")
        .contains("hostUsers: false");
  }

  @Test
  void windowsPodsAreExemptFromLinuxOnlyRestrictedChecksFromV125() {
    String yaml =
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: win
        spec:
          os:
            name: windows
          securityContext:
            runAsNonRoot: true
          containers:
            - name: app
              image: app:1
        """;
    assertThat(failedIds(yaml, "restricted:v1.24"))
        .containsExactly(
            "allowPrivilegeEscalation", "capabilities_restricted", "seccompProfile_restricted");
    assertThat(failedIds(yaml, "restricted:v1.25")).isEmpty();
  }

  @Test
  void theSysctlAllowListGrowsWithTheVersion() {
    String yaml =
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: tuned
        spec:
          securityContext:
            sysctls:
              - name: net.ipv4.tcp_rmem
                value: "4096 87380 16777216"
          containers:
            - name: app
              image: app:1
        """;
    List<FailedCheck> failed = evaluate(yaml, "baseline:v1.31").failedChecks();
    assertThat(failed).extracting(FailedCheck::id).containsExactly("sysctls");
    assertThat(failed.get(0).message())
        .isEqualTo(
            "forbidden sysctl: net.ipv4.tcp_rmem (only namespaced sysctls that are safe on a shared"
                + " node may be set)");
    assertThat(failed.get(0).line()).isEqualTo(8);
    assertThat(failedIds(yaml, "baseline:v1.32")).isEmpty();
  }

  @Test
  void versionsNewerThanTheNewestPolicyAreEvaluatedAsTheNewest() {
    String yaml =
        RESTRICTED_POD.replace(
            "- name: app", "- name: app\n      ports: [{containerPort: 80, hostPort: 80}]");
    assertThat(failedIds(yaml, "baseline:v1.99")).isEqualTo(failedIds(yaml, "baseline:latest"));
    assertThat(failedIds(yaml, "baseline:v1.99")).containsExactly("hostPorts");
  }

  @Test
  void ephemeralAndInitContainersAreChecked() {
    String yaml =
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: debug
        spec:
          initContainers:
            - name: setup
              image: setup:1
              securityContext:
                capabilities:
                  add: ["CHOWN", "SYS_ADMIN"]
          containers:
            - name: app
              image: app:1
          ephemeralContainers:
            - name: shell
              image: busybox:1
              securityContext:
                privileged: true
        """;
    PodSecurityResult result = evaluate(yaml, "baseline");
    assertThat(result.failedChecks())
        .extracting(FailedCheck::id)
        .containsExactly("capabilities_baseline", "privileged");
    FailedCheck capabilities = result.failedChecks().get(0);
    assertThat(capabilities.message())
        .contains("\"setup\"")
        .contains("\"SYS_ADMIN\"")
        .doesNotContain("CHOWN");
    assertThat(capabilities.path().toString())
        .isEqualTo("spec.initContainers[0].securityContext.capabilities.add[1]");
    assertThat(result.failedChecks().get(1).path().toString())
        .isEqualTo("spec.ephemeralContainers[0].securityContext.privileged");
  }

  @Test
  void legacyAnnotationsAreCheckedAndPointedAt() {
    String yaml =
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: legacy
          annotations:
            container.apparmor.security.beta.kubernetes.io/app: unconfined
            seccomp.security.alpha.kubernetes.io/pod: unconfined
        spec:
          containers:
            - name: app
              image: app:1
        """;
    List<FailedCheck> atV118 = evaluate(yaml, "baseline:v1.18").failedChecks();
    assertThat(atV118)
        .extracting(FailedCheck::id)
        .containsExactly("appArmorProfile", "seccompProfile_baseline");
    assertThat(atV118).extracting(FailedCheck::line).containsExactly(6, 7);
    assertThat(atV118.get(0).message()).startsWith("forbidden AppArmor profile: ");
    assertThat(failedIds(yaml, "baseline:v1.19"))
        .as("from v1.19 the seccomp fields count, not the annotations")
        .containsExactly("appArmorProfile");
  }

  @Test
  void aVolumeWithoutASourceIsAnEmptyDirAndOthersAreNamed() {
    String yaml =
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: storage
        spec:
          volumes:
            - name: scratch
            - name: share
              nfs:
                server: nfs.example
                path: /export
          containers:
            - name: app
              image: app:1
        """;
    List<FailedCheck> failed = evaluate(yaml, "restricted").failedChecks();
    FailedCheck volumes =
        failed.stream()
            .filter(check -> check.id().equals("restrictedVolumes"))
            .findFirst()
            .orElseThrow();
    assertThat(volumes.message())
        .startsWith("restricted volume types: volume \"share\" uses \"nfs\"");
    assertThat(volumes.line()).isEqualTo(9);
  }

  @Test
  void valuesOfTheWrongTypeCountAsUnsetAndNeverCrash() {
    String yaml =
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: odd
          annotations: [not, a, map]
        spec:
          securityContext: "none"
          volumes: {a: b}
          containers:
            - just-a-string
            - name: app
              securityContext:
                capabilities: {add: [{nested: map}], drop: 7}
                seLinuxOptions: []
              ports: [80, {hostPort: "x"}]
        """;
    assertThat(failedIds(yaml, "baseline")).containsExactly("capabilities_baseline");
    assertThat(failedIds(yaml, "restricted")).contains("runAsNonRoot");
  }

  @Test
  void objectsWithoutAPodSpecHaveNoResult() {
    ManifestObject configMap =
        TestYaml.object("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata: {}\n");
    assertThat(PodSecurityStandards.evaluate(configMap, LevelVersion.parse("restricted")))
        .isEmpty();
  }
}
