package dev.bulwark.core.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.manifest.FieldPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecurityContextResolverTest {
  @Test
  void readsContainerOnlyFieldsAndNormalizesCapabilities() {
    SecurityContext context =
        WorkloadExtractorTest.onlyContainer(
                """
                securityContext:
                  privileged: true
                  allowPrivilegeEscalation: false
                  readOnlyRootFilesystem: true
                  procMount: Unmasked
                  capabilities:
                    add: [cap_net_admin, SYS_TIME, " CAP_SYS_ADMIN "]
                    drop: [all]
                """)
            .securityContext();

    assertThat(context.privileged()).isTrue();
    assertThat(context.allowPrivilegeEscalation()).isFalse();
    assertThat(context.readOnlyRootFilesystem()).isTrue();
    assertThat(context.procMount()).isEqualTo("Unmasked");
    assertThat(context.addCapabilities()).containsExactly("NET_ADMIN", "SYS_TIME", "SYS_ADMIN");
    assertThat(context.dropCapabilities()).containsExactly("ALL");
    assertThat(context.sources())
        .containsEntry("privileged", container().key("securityContext").key("privileged"))
        .containsEntry(
            "capabilities.add", container().key("securityContext").key("capabilities").key("add"))
        .containsEntry(
            "capabilities.drop",
            container().key("securityContext").key("capabilities").key("drop"));
  }

  @Test
  void inheritsUserGroupAndNonRootFromThePodWithTheirSources() {
    Workload workload =
        TestManifests.workload(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              template:
                spec:
                  securityContext:
                    runAsUser: 1000
                    runAsGroup: 3000
                    runAsNonRoot: true
                  containers:
                  - name: inherits
                    image: app
                  - name: overrides
                    image: app
                    securityContext:
                      runAsUser: 0
                      runAsNonRoot: false
            """);
    SecurityContext inherits = workload.containers().get(0).securityContext();
    SecurityContext overrides = workload.containers().get(1).securityContext();
    FieldPath pod = FieldPath.of("spec", "template", "spec", "securityContext");
    FieldPath own =
        FieldPath.of("spec", "template", "spec").key("containers").index(1).key("securityContext");

    assertThat(inherits.runAsUser()).isEqualTo(1000L);
    assertThat(inherits.runAsGroup()).isEqualTo(3000L);
    assertThat(inherits.runAsNonRoot()).isTrue();
    assertThat(inherits.sources().get("runAsUser")).isEqualTo(pod.key("runAsUser"));
    assertThat(line(workload, inherits, "runAsUser")).isEqualTo(8);
    assertThat(overrides.runAsUser()).isZero();
    assertThat(overrides.runAsGroup()).isEqualTo(3000L);
    assertThat(overrides.runAsNonRoot()).isFalse();
    assertThat(overrides.sources())
        .containsEntry("runAsUser", own.key("runAsUser"))
        .containsEntry("runAsGroup", pod.key("runAsGroup"))
        .containsEntry("runAsNonRoot", own.key("runAsNonRoot"));
    assertThat(line(workload, overrides, "runAsUser")).isEqualTo(17);
  }

  @Test
  void unsetFieldsPointAtTheSecurityContextOrElseTheContainer() {
    Workload workload =
        TestManifests.workload(
            """
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              containers:
              - name: bare
                image: app
              - name: partial
                image: app
                securityContext: {runAsUser: 1}
            """);
    SecurityContext bare = workload.containers().get(0).securityContext();
    SecurityContext partial = workload.containers().get(1).securityContext();

    assertThat(bare.privileged()).isNull();
    assertThat(bare.seccompProfileType()).isNull();
    assertThat(bare.addCapabilities()).isEmpty();
    assertThat(bare.sources())
        .hasSize(11)
        .allSatisfy((field, path) -> assertThat(path).isEqualTo(container()));
    assertThat(partial.sources())
        .containsEntry("readOnlyRootFilesystem", container(1).key("securityContext"))
        .containsEntry("runAsUser", container(1).key("securityContext").key("runAsUser"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "container field wins         | RuntimeDefault | runtime/default | Unconfined | unconfined"
            + " | RUNTIME_DEFAULT | spec.containers[0].securityContext.seccompProfile.type",
        "container annotation second  | ''             | unconfined      | Localhost  |"
            + " runtime/default | UNCONFINED |"
            + " metadata.annotations['container.seccomp.security.alpha.kubernetes.io/app']",
        "pod field third              | ''             | ''              | Localhost  | unconfined"
            + " | LOCALHOST | spec.securityContext.seccompProfile.type",
        "pod annotation last          | ''             | ''              | ''         |"
            + " docker/default | RUNTIME_DEFAULT |"
            + " metadata.annotations['seccomp.security.alpha.kubernetes.io/pod']",
        "localhost annotation         | ''             | localhost/p.json | ''        | '' |"
            + " LOCALHOST |"
            + " metadata.annotations['container.seccomp.security.alpha.kubernetes.io/app']",
        "unknown values are ignored   | Bogus          | bogus           | ''         | ''"
            + " | '' | spec.containers[0].securityContext",
      })
  void resolvesSeccompByPrecedence(
      String description,
      String containerType,
      String containerAnnotation,
      String podType,
      String podAnnotation,
      String expected,
      String source) {
    StringBuilder annotations = new StringBuilder();
    if (!containerAnnotation.isEmpty()) {
      annotations.append(
          "    container.seccomp.security.alpha.kubernetes.io/app: " + containerAnnotation + "\n");
    }
    if (!podAnnotation.isEmpty()) {
      annotations.append("    seccomp.security.alpha.kubernetes.io/pod: " + podAnnotation + "\n");
    }
    String yaml =
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
          annotations:
        %s
        spec:
          %s
          containers:
          - name: app
            image: app
            %s
        """
            .formatted(
                annotations.toString().stripTrailing().indent(0).stripTrailing(),
                podType.isEmpty()
                    ? ""
                    : "securityContext: {seccompProfile: {type: " + podType + "}}",
                containerType.isEmpty()
                    ? ""
                    : "securityContext: {seccompProfile: {type: " + containerType + "}}");

    SecurityContext context =
        TestManifests.workload(yaml).containers().getFirst().securityContext();

    assertThat(context.seccompProfileType()).isEqualTo(expected.isEmpty() ? null : expected);
    assertThat(context.sources().get("seccompProfile")).hasToString(source);
  }

  @Test
  void resolvesAppArmorFromFieldsAndTheLegacyAnnotation() {
    Workload workload =
        TestManifests.workload(
            """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: agent}
            spec:
              template:
                metadata:
                  annotations:
                    container.apparmor.security.beta.kubernetes.io/annotated: unconfined
                    container.apparmor.security.beta.kubernetes.io/field: unconfined
                spec:
                  securityContext:
                    appArmorProfile: {type: RuntimeDefault}
                  containers:
                  - name: annotated
                  - name: field
                    securityContext:
                      appArmorProfile: {type: Localhost, localhostProfile: k8s-agent}
                  - name: inherits
            """);

    assertThat(workload.containers())
        .extracting(container -> container.securityContext().appArmorProfile())
        .containsExactly("unconfined", "localhost/k8s-agent", "runtime/default");
    assertThat(workload.containers().get(0).securityContext().sources().get("appArmorProfile"))
        .hasToString(
            "spec.template.metadata.annotations"
                + "['container.apparmor.security.beta.kubernetes.io/annotated']");
    assertThat(line(workload, workload.containers().get(0).securityContext(), "appArmorProfile"))
        .isEqualTo(8);
    assertThat(workload.containers().get(2).securityContext().sources().get("appArmorProfile"))
        .hasToString("spec.template.spec.securityContext.appArmorProfile.type");
  }

  @Test
  void appArmorUnconfinedFieldReadsLikeTheAnnotation() {
    SecurityContext context =
        WorkloadExtractorTest.onlyContainer(
                "securityContext: {appArmorProfile: {type: Unconfined}}")
            .securityContext();

    assertThat(context.appArmorProfile()).isEqualTo("unconfined");
  }

  /** The line a finding about {@code field} points at. */
  private static int line(Workload workload, SecurityContext context, String field) {
    FieldPath source = context.sources().get(field);
    assertThat(source).isNotNull();
    return workload.object().locate(java.util.Objects.requireNonNull(source)).line();
  }

  private static FieldPath container() {
    return container(0);
  }

  private static FieldPath container(int index) {
    return FieldPath.of("spec").key("containers").index(index);
  }
}
