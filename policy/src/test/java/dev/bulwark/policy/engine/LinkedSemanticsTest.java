package dev.bulwark.policy.engine;

import static dev.bulwark.policy.engine.TestImages.vulnerability;
import static dev.bulwark.policy.engine.TestPolicies.allOf;
import static dev.bulwark.policy.engine.TestPolicies.group;
import static dev.bulwark.policy.engine.TestPolicies.not;
import static dev.bulwark.policy.engine.TestPolicies.policy;
import static dev.bulwark.policy.engine.TestWorkloads.container;
import static dev.bulwark.policy.engine.TestWorkloads.input;
import static dev.bulwark.policy.engine.TestWorkloads.workload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.image.ImageDataProvider;
import dev.bulwark.core.image.VulnerabilitySeverity;
import dev.bulwark.core.workload.ContainerType;
import dev.bulwark.core.workload.Workload;
import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.Policy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sections OR, groups AND, values per operator, negation, and linking to one container/element. */
class LinkedSemanticsTest {
  @Test
  void containerCriteriaMustHoldForTheSameContainer() {
    Policy policy =
        policy("Privileged latest")
            .section(group("Privileged Container", "true"), group("Image Tag", "latest"))
            .build();
    Workload split =
        workload()
            .container(container("a").privileged(true).image("nginx:1.27"))
            .container(container("b").image("nginx:latest"))
            .build();
    Workload together =
        workload()
            .container(container("a").image("nginx:1.27"))
            .container(container("c").privileged(true).image("nginx:latest"))
            .build();

    assertThat(messages(policy, split)).isEmpty();
    assertThat(messages(policy, together))
        .containsExactly(
            "Container \"c\" is privileged; Container \"c\" uses image tag \"latest\"");
  }

  @Test
  void volumeCriteriaMustHoldForTheSameMount() {
    Policy policy =
        policy("Writable host path")
            .section(group("Volume Type", "hostPath"), group("Writable Mounted Volume", "true"))
            .build();
    Workload split =
        workload()
            .volume("logs", "hostPath", "/var/log")
            .volume("scratch", "emptyDir", "")
            .container(
                container("app").mount("logs", "/logs", true).mount("scratch", "/tmp", false))
            .build();
    Workload together =
        workload()
            .volume("logs", "hostPath", "/var/log")
            .container(container("app").mount("logs", "/logs", false))
            .build();

    assertThat(messages(policy, split)).isEmpty();
    assertThat(messages(policy, together))
        .containsExactly(
            "Container \"app\" mounts host path \"/var/log\" (volume \"logs\") read-write");
  }

  @Test
  void portCriteriaMustHoldForTheSamePort() {
    Policy policy =
        policy("ssh over udp")
            .section(group("Exposed Port", "22"), group("Exposed Port Protocol", "udp"))
            .build();
    Workload split = workload().container(container("app").port(22, "TCP").port(53, "UDP")).build();
    Workload together = workload().container(container("app").port(22, "UDP")).build();

    assertThat(messages(policy, split)).isEmpty();
    assertThat(messages(policy, together))
        .containsExactly("Container \"app\" declares port 22/UDP");
  }

  @Test
  void vulnerabilityCriteriaMustHoldForTheSameVulnerability() {
    Policy policy =
        policy("Fixable important")
            .section(group("Fixed By", ".*"), group("Severity", ">= IMPORTANT"))
            .build();
    Workload subject = workload().container(container("app").image("shop:1")).build();
    ImageDataProvider split =
        TestImages.provider(
            "shop:1",
            TestImages.data()
                .vulnerability(vulnerability("CVE-1").severity(VulnerabilitySeverity.CRITICAL))
                .vulnerability(
                    vulnerability("CVE-2").severity(VulnerabilitySeverity.LOW).fixedBy("2"))
                .build());
    ImageDataProvider together =
        TestImages.provider(
            "shop:1",
            TestImages.data()
                .vulnerability(
                    vulnerability("CVE-3").severity(VulnerabilitySeverity.IMPORTANT).fixedBy("3"))
                .build());

    assertThat(evaluate(policy, input(subject, split))).isEmpty();
    assertThat(evaluate(policy, input(subject, together)))
        .singleElement()
        .satisfies(outcome -> assertThat(outcome.violations()).hasSize(1));
  }

  @Test
  void imageComponentLinksToTheVulnerabilityComponent() {
    Policy policy =
        policy("openssl CVEs")
            .section(group("Image Component", "openssl="), group("CVE", "CVE-2.*"))
            .build();
    Workload subject = workload().container(container("app").image("shop:1")).build();
    ImageDataProvider images =
        TestImages.provider(
            "shop:1",
            TestImages.data()
                .component("openssl", "3.0.1")
                .vulnerability(vulnerability("CVE-2").component("zlib", "1.2"))
                .build());

    assertThat(evaluate(policy, input(subject, images))).isEmpty();
  }

  @Test
  void sectionsAreOred() {
    Policy policy =
        policy("Host namespaces")
            .section(group("Host Network", "true"))
            .section(group("Host PID", "true"))
            .build();

    assertThat(messages(policy, workload().hostPid(true).build()))
        .containsExactly("Deployment shares the host's process ID namespace");
    assertThat(messages(policy, workload().hostNetwork(true).hostPid(true).build()))
        .containsExactly(
            "Deployment uses the host network",
            "Deployment shares the host's process ID namespace");
  }

  @Test
  void groupsOfASectionAreAnded() {
    Policy policy =
        policy("Default account in prod")
            .section(group("Service Account", "default"), group("Namespace", "prod"))
            .build();

    assertThat(messages(policy, workload().namespace("dev").build())).isEmpty();
    assertThat(messages(policy, workload().namespace("prod").build()))
        .containsExactly(
            "Deployment runs as service account \"default\"; Deployment is in namespace \"prod\"");
  }

  @Test
  void orOperatorNeedsAnyValueAndAndOperatorNeedsEvery() {
    Policy any = policy("Any").section(group("Add Capabilities", "SYS_ADMIN", "NET_ADMIN")).build();
    Policy every =
        policy("Every").section(allOf("Add Capabilities", "SYS_ADMIN", "NET_ADMIN")).build();
    Workload one = workload().container(container("app").add("NET_ADMIN")).build();
    Workload both = workload().container(container("app").add("NET_ADMIN", "SYS_ADMIN")).build();

    assertThat(messages(any, one)).hasSize(1);
    assertThat(messages(every, one)).isEmpty();
    assertThat(messages(every, both)).hasSize(1);
  }

  @Test
  void dropCapabilitiesWithOrFiresOnlyWhenNoneIsDropped() {
    Policy policy =
        policy("Drop").section(group("Drop Capabilities", "NET_RAW", "SYS_ADMIN")).build();

    assertThat(messages(policy, workload().container(container("app").drop("NET_RAW")).build()))
        .isEmpty();
    assertThat(messages(policy, workload().container(container("app").drop("CHOWN")).build()))
        .containsExactly("Container \"app\" does not drop capabilities NET_RAW, SYS_ADMIN");
  }

  @Test
  void negatedGroupMatchesContainersThatDoNotMatchItsValues() {
    Policy policy =
        policy("Privileged but not the mesh proxy")
            .section(not("Container Name", "istio-proxy"), group("Privileged Container", "true"))
            .build();
    Workload proxyOnly =
        workload()
            .container(container("istio-proxy").privileged(true))
            .container(container("app"))
            .build();
    Workload app = workload().container(container("app").privileged(true)).build();

    assertThat(messages(policy, proxyOnly)).isEmpty();
    assertThat(messages(policy, app))
        .containsExactly("Container name is \"app\"; Container \"app\" is privileged");
  }

  @Test
  void negatedDeploymentGroupInvertsTheResult() {
    Policy policy =
        policy("Automount outside kube-system")
            .section(
                group("Automount Service Account Token", "true"), not("Namespace", "kube-system"))
            .build();

    assertThat(messages(policy, workload().namespace("kube-system").build())).isEmpty();
    assertThat(messages(policy, workload().namespace("prod").build())).hasSize(1);
  }

  @Test
  void workloadWithoutContainersMatchesOnlyDeploymentLevelSections() {
    Policy policy =
        policy("Mixed")
            .section(group("Privileged Container", "false"))
            .section(group("Host IPC", "true"))
            .build();
    Workload empty = workload().hostIpc(true).build();

    assertThat(messages(policy, empty))
        .containsExactly("Deployment shares the host's IPC namespace");
  }

  @Test
  void oneViolationPerMatchingContainerAndElement() {
    Policy policy = policy("Ports").section(group("Exposed Port", "> 1000")).build();
    Workload subject =
        workload()
            .container(container("a").port(8080, "TCP").port(9090, "TCP"))
            .container(container("b").port(8080, "TCP").port(80, "TCP"))
            .build();

    assertThat(messages(policy, subject))
        .containsExactly(
            "Container \"a\" declares port 8080/TCP",
            "Container \"a\" declares port 9090/TCP",
            "Container \"b\" declares port 8080/TCP");
  }

  @Test
  void identicalMessagesFromSeveralSectionsAreReportedOnce() {
    Policy policy =
        policy("Twice")
            .section(group("Privileged Container", "true"))
            .section(group("Privileged Container", "true"), group("Container Name", ".*"))
            .build();
    Workload subject = workload().container(container("app").privileged(true)).build();

    assertThat(messages(policy, subject))
        .containsExactly(
            "Container \"app\" is privileged",
            "Container \"app\" is privileged; Container name is \"app\"");
  }

  @Test
  void skipContainerTypesSkipsInitContainersButNotEphemeralOnes() {
    Policy policy =
        policy("Privileged").section(group("Privileged Container", "true")).skip("INIT").build();
    Workload subject =
        workload()
            .container(container("setup").type(ContainerType.INIT).privileged(true))
            .container(container("debugger").type(ContainerType.EPHEMERAL).privileged(true))
            .build();

    assertThat(messages(policy, subject)).containsExactly("Container \"debugger\" is privileged");
  }

  @Test
  void initContainersAreEvaluatedByDefault() {
    Policy policy = policy("Privileged").section(group("Privileged Container", "true")).build();
    Workload subject =
        workload().container(container("setup").type(ContainerType.INIT).privileged(true)).build();

    assertThat(messages(policy, subject)).containsExactly("Container \"setup\" is privileged");
  }

  @Test
  void absentValueNeverMatchesEvenWhenNegated() {
    Policy policy =
        policy("Not unconfined").section(not("Seccomp Profile Type", "UNCONFINED")).build();

    assertThat(messages(policy, workload().container(container("app")).build())).isEmpty();
    assertThat(
            messages(
                policy, workload().container(container("app").seccomp("RUNTIME_DEFAULT")).build()))
        .containsExactly("Container \"app\" uses seccomp profile type RUNTIME_DEFAULT");
  }

  private static List<String> messages(Policy policy, Workload workload) {
    return evaluate(policy, input(workload)).stream()
        .flatMap(outcome -> outcome.violations().stream())
        .map(Violation::message)
        .toList();
  }

  private static List<PolicyOutcome> evaluate(Policy policy, EvaluationInput input) {
    return TestPolicies.compile(policy).evaluate(input, LifecycleStage.DEPLOY);
  }
}
