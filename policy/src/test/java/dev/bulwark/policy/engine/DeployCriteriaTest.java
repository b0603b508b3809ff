package dev.bulwark.policy.engine;

import static dev.bulwark.policy.engine.TestImages.daysAgo;
import static dev.bulwark.policy.engine.TestImages.vulnerability;
import static dev.bulwark.policy.engine.TestPolicies.group;
import static dev.bulwark.policy.engine.TestWorkloads.container;
import static dev.bulwark.policy.engine.TestWorkloads.context;
import static dev.bulwark.policy.engine.TestWorkloads.input;
import static dev.bulwark.policy.engine.TestWorkloads.workload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.context.PortExposure;
import dev.bulwark.core.context.RbacLevel;
import dev.bulwark.core.image.ImageData;
import dev.bulwark.core.image.VulnerabilitySeverity;
import dev.bulwark.core.workload.EnvVar;
import dev.bulwark.core.workload.Probe;
import dev.bulwark.core.workload.VolumeMount;
import dev.bulwark.policy.engine.TestWorkloads.ContainerBuilder;
import dev.bulwark.policy.engine.TestWorkloads.ContextBuilder;
import dev.bulwark.policy.engine.TestWorkloads.WorkloadBuilder;
import dev.bulwark.policy.field.PolicyField;
import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.PolicyGroup;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every deploy-time criterion, firing on one input and not on another. */
class DeployCriteriaTest {
  private static final String IMAGE = "registry.example.com/shop/web:1.4.2";
  private static final String SUBJECT = "Image \"" + IMAGE + "\" of container \"app\"";

  /** One criterion: the group, an input it fires on (with the message) and one it passes. */
  record Case(
      String name,
      PolicyGroup group,
      EvaluationInput fires,
      EvaluationInput passes,
      String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(workloadCases(), containerCases(), volumeCases(), portCases(), imageCases())
        .flatMap(List::stream);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void criterionFiresWithItsMessage(Case criterion) {
    List<PolicyOutcome> outcomes = evaluate(criterion.group(), criterion.fires());

    assertThat(outcomes).hasSize(1);
    assertThat(outcomes.get(0).status()).isEqualTo(PolicyOutcome.Status.VIOLATED);
    assertThat(outcomes.get(0).violations())
        .extracting(Violation::message)
        .containsExactly(criterion.message());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void criterionDoesNotFireOnTheOtherInput(Case criterion) {
    assertThat(evaluate(criterion.group(), criterion.passes())).isEmpty();
  }

  @Test
  void everyDeployTimeCriterionHasACase() {
    Set<PolicyField> covered =
        cases()
            .map(criterion -> PolicyField.byName(criterion.group().fieldName()).orElseThrow())
            .collect(Collectors.toSet());
    Set<PolicyField> deployTime = EnumSet.noneOf(PolicyField.class);
    for (PolicyField field : PolicyField.values()) {
      if (field.stages().contains(LifecycleStage.DEPLOY)) {
        deployTime.add(field);
      }
    }

    assertThat(covered).containsExactlyInAnyOrderElementsOf(deployTime);
  }

  @Test
  void privilegeEscalationIsReadAsKubernetesAppliesIt() {
    PolicyGroup allowed = group("Allow Privilege Escalation", "true");

    assertThat(messages(allowed, app()))
        .containsExactly(
            "Container \"app\" allows privilege escalation (allowPrivilegeEscalation is not set to"
                + " false)");
    assertThat(messages(allowed, app().allowPrivilegeEscalation(false).privileged(true)))
        .containsExactly("Container \"app\" allows privilege escalation (it is privileged)");
    assertThat(messages(allowed, app().allowPrivilegeEscalation(false).add("SYS_ADMIN")))
        .containsExactly("Container \"app\" allows privilege escalation (it adds SYS_ADMIN)");
    assertThat(messages(group("Allow Privilege Escalation", "false"), app())).isEmpty();
  }

  private static List<String> messages(PolicyGroup group, ContainerBuilder container) {
    return evaluate(group, input(workload().container(container).build())).stream()
        .flatMap(outcome -> outcome.violations().stream())
        .map(Violation::message)
        .toList();
  }

  private static List<PolicyOutcome> evaluate(PolicyGroup group, EvaluationInput input) {
    return TestPolicies.compile(TestPolicies.policy("Criterion under test").section(group).build())
        .evaluate(input, LifecycleStage.DEPLOY);
  }

  private static List<Case> workloadCases() {
    return List.of(
        onWorkload(
            group("Namespace", "prod|staging"),
            workload().namespace("prod"),
            workload().namespace("dev"),
            "Deployment is in namespace \"prod\""),
        onWorkload(
            group("Host Network", "true"),
            workload().hostNetwork(true),
            workload(),
            "Deployment uses the host network"),
        onWorkload(
            group("Host PID", "true"),
            workload().hostPid(true),
            workload(),
            "Deployment shares the host's process ID namespace"),
        onWorkload(
            group("Host IPC", "true"),
            workload().hostIpc(true),
            workload(),
            "Deployment shares the host's IPC namespace"),
        onWorkload(
            group("Replicas", "< 2"),
            workload().replicas(1),
            workload().replicas(3),
            "Deployment has 1 replica"),
        onWorkload(
            group("Required Label", "owner|team=.+"),
            workload().label("app", "web"),
            workload().label("team", "payments"),
            "Deployment has no label matching \"owner|team=.+\""),
        onWorkload(
            group("Required Annotation", "email=.+@.+"),
            workload(),
            workload().annotation("email", "shop@example.com"),
            "Deployment has no annotation matching \"email=.+@.+\""),
        onWorkload(
            group("Disallowed Annotation", "admission.stackrox.io/break-glass="),
            workload().annotation("admission.stackrox.io/break-glass", "INC-42"),
            workload().annotation("team", "payments"),
            "Deployment has annotation \"admission.stackrox.io/break-glass\""),
        onWorkload(
            group("Service Account", "default"),
            workload().serviceAccount("default"),
            workload().serviceAccount("web"),
            "Deployment runs as service account \"default\""),
        inContext(
            group("Automount Service Account Token", "true"),
            context().automount(true),
            context().automount(false),
            "Service account \"default\" has token automounting enabled"),
        inContext(
            group("Minimum RBAC Permissions", "ELEVATED_CLUSTER_WIDE"),
            context().rbac(RbacLevel.CLUSTER_ADMIN),
            context().rbac(RbacLevel.ELEVATED_IN_NAMESPACE),
            "Service account \"default\" has cluster-admin permissions"),
        inContext(
            group("Has Ingress Network Policy", "false"),
            context().ingress(false),
            context().ingress(true),
            "Deployment has no ingress network policy"),
        inContext(
            group("Has Egress Network Policy", "false"),
            context().egress(false),
            context().egress(true),
            "Deployment has no egress network policy"),
        onWorkload(
            group("Runtime Class", "gvisor"),
            workload().runtimeClass("gvisor"),
            workload(),
            "Deployment uses runtime class \"gvisor\""));
  }

  private static List<Case> containerCases() {
    return List.of(
        onContainer(
            group("Privileged Container", "true"),
            app().privileged(true),
            app(),
            "Container \"app\" is privileged"),
        onContainer(
            group("Allow Privilege Escalation", "true"),
            app().allowPrivilegeEscalation(true),
            app().allowPrivilegeEscalation(false),
            "Container \"app\" allows privilege escalation"),
        onContainer(
            group("Read-Only Root Filesystem", "false"),
            app(),
            app().readOnlyRootFilesystem(true),
            "Container \"app\" has a writable root filesystem"),
        onContainer(
            group("Add Capabilities", "SYS_ADMIN"),
            app().add("SYS_ADMIN", "NET_ADMIN"),
            app().add("NET_BIND_SERVICE"),
            "Container \"app\" adds capabilities SYS_ADMIN, NET_ADMIN"),
        onContainer(
            group("Add Capabilities", "SYS_ADMIN"),
            app().add("ALL"),
            app().add("CHOWN"),
            "Container \"app\" adds capability ALL"),
        onContainer(
            group("Drop Capabilities", "NET_RAW"),
            app().drop("CHOWN"),
            app().drop("ALL"),
            "Container \"app\" does not drop capability NET_RAW"),
        onContainer(
            group("Drop Capabilities", "NET_RAW"),
            app().drop("ALL").add("NET_RAW"),
            app().drop("ALL", "NET_RAW").add("NET_RAW"),
            "Container \"app\" drops ALL but adds back capability NET_RAW"),
        onContainer(
            group("Container Name", "side.*"),
            container("sidecar"),
            app(),
            "Container name is \"sidecar\""),
        onContainer(
            group("Image Tag", "latest"),
            app().image("nginx"),
            app().image("nginx:1.27"),
            "Container \"app\" uses image tag \"latest\""),
        onContainer(
            group("Image Registry", "docker.io"),
            app().image("nginx:1.27"),
            app(),
            "Container \"app\" uses an image from registry \"docker.io\""),
        onContainer(
            group("Image Remote", "nginx"),
            app().image("nginx:1.27"),
            app().image("bitnami/nginx:1.27"),
            "Container \"app\" uses image repository \"library/nginx\""),
        onContainer(
            group("Container CPU Request", "0"),
            app(),
            app().resources(0.5, null, null, null),
            "Container \"app\" has no CPU request"),
        onContainer(
            group("Container CPU Limit", "> 2"),
            app().resources(null, 4.0, null, null),
            app().resources(null, 1.0, null, null),
            "Container \"app\" has a CPU limit of 4 cores"),
        onContainer(
            group("Container Memory Request", "< 128"),
            app().resources(null, null, 64.0, null),
            app().resources(null, null, 256.0, null),
            "Container \"app\" requests 64 MB of memory"),
        onContainer(
            group("Container Memory Limit", "0"),
            app(),
            app().resources(null, null, null, 512.0),
            "Container \"app\" has no memory limit"),
        onContainer(
            group("Liveness Probe Defined", "false"),
            app().probe(Probe.Kind.READINESS),
            app().probe(Probe.Kind.LIVENESS),
            "Container \"app\" has no liveness probe"),
        onContainer(
            group("Readiness Probe Defined", "false"),
            app().probe(Probe.Kind.LIVENESS),
            app().probe(Probe.Kind.READINESS),
            "Container \"app\" has no readiness probe"),
        onContainer(
            group("Seccomp Profile Type", "UNCONFINED"),
            app().seccomp("UNCONFINED"),
            app().seccomp("RUNTIME_DEFAULT"),
            "Container \"app\" uses seccomp profile type UNCONFINED"),
        onContainer(
            group("AppArmor Profile", "unconfined"),
            app().appArmor("unconfined"),
            app().appArmor("runtime/default"),
            "Container \"app\" uses AppArmor profile \"unconfined\""),
        onContainer(
            group("Environment Variable", "RAW=.*PASSWORD.*="),
            app().env("DB_PASSWORD", "hunter2", EnvVar.Source.RAW),
            app().env("DB_PASSWORD", "db-credentials:password", EnvVar.Source.SECRET_KEY),
            "Environment variable \"DB_PASSWORD\" in container \"app\" is set to a raw value"
                + " matching the policy"));
  }

  private static List<Case> volumeCases() {
    String socket = "Container \"app\" mounts host path \"/var/run/docker.sock\" (volume \"sock\")";
    return List.of(
        onWorkload(group("Volume Name", "sock"), socketMounted(false), dataMounted(false), socket),
        onWorkload(
            group("Volume Source", "/var/run/docker.sock"),
            socketMounted(false),
            dataMounted(false),
            socket),
        onWorkload(
            group("Volume Destination", "/var/run/.*"),
            socketMounted(false),
            dataMounted(false),
            socket),
        onWorkload(
            group("Volume Type", "HostPath"), socketMounted(false), dataMounted(false), socket),
        onWorkload(
            group("Writable Mounted Volume", "true"),
            dataMounted(false),
            dataMounted(true),
            "Container \"app\" mounts volume \"data\" (emptyDir) at \"/data\" read-write"),
        onWorkload(
            group("Writable Host Mount", "true"),
            socketMounted(false),
            socketMounted(true),
            socket + " read-write"),
        onWorkload(
            group("Mount Propagation", "BIDIRECTIONAL"),
            workload()
                .volume("data", "emptyDir", "")
                .container(
                    app().mount("data", "/data", false, VolumeMount.Propagation.BIDIRECTIONAL)),
            dataMounted(false),
            "Container \"app\" mounts volume \"data\" (emptyDir) at \"/data\" with BIDIRECTIONAL"
                + " mount propagation"));
  }

  private static List<Case> portCases() {
    return List.of(
        onContainer(
            group("Exposed Port", "22"),
            app().port(22, "TCP"),
            app().port(8080, "TCP"),
            "Container \"app\" declares port 22/TCP"),
        onContainer(
            group("Exposed Port Protocol", "udp"),
            app().port(53, "UDP"),
            app().port(53, "TCP"),
            "Container \"app\" declares port 53/UDP"),
        onPorts(
            group("Exposed Node Port", ">= 30000"),
            context().exposed(8080, "TCP", PortExposure.NODE, 30080, "web"),
            context().exposed(8080, "TCP", PortExposure.INTERNAL, 0, "web"),
            "Port 8080/TCP of container \"app\" is exposed on node port 30080 by \"web\""),
        onPorts(
            group("Port Exposure Method", "EXTERNAL"),
            context().exposed(8080, "TCP", PortExposure.EXTERNAL, 31000, "web-lb"),
            context().exposed(8080, "TCP", PortExposure.INTERNAL, 0, "web"),
            "Port 8080/TCP of container \"app\" is exposed outside the cluster by \"web-lb\""));
  }

  private static List<Case> imageCases() {
    String log4shell =
        SUBJECT
            + " has CVE-2021-44228 (severity CRITICAL, CVSS 10) in \"log4j-core\" 2.14.1, fixed in"
            + " 2.17.1";
    return List.of(
        onImage(group("CVE", "CVE-2021-44228"), log4shell(), otherCve(), log4shell),
        onImage(group("CVSS", ">= 7"), log4shell(), otherCve(), log4shell),
        onImage(group("NVD CVSS", ">= 9"), log4shell(), otherCve(), log4shell),
        onImage(group("Severity", ">= IMPORTANT"), log4shell(), otherCve(), log4shell),
        onImage(group("Fixable", "true"), log4shell(), otherCve(), log4shell),
        onImage(group("Fixed By", ".*"), log4shell(), otherCve(), log4shell),
        onImage(
            group("Days Since CVE Fix Was Available", "30"), log4shell(), otherCve(), log4shell),
        onImage(
            group("Days Since CVE Was First Discovered In Image", "30"),
            log4shell(),
            otherCve(),
            log4shell),
        onImage(
            group("Days Since CVE Was First Discovered In System", "30"),
            log4shell(),
            otherCve(),
            log4shell),
        onImage(group("Days Since CVE Was Published", "30"), log4shell(), otherCve(), log4shell),
        onImage(
            group("Image Component", "curl="),
            TestImages.data().component("curl", "8.5.0").build(),
            TestImages.data().component("wget", "1.21").build(),
            SUBJECT + " contains \"curl\" version \"8.5.0\""),
        onImage(
            group("Image Age", "90"),
            TestImages.data().created(daysAgo(100)).build(),
            TestImages.data().created(daysAgo(10)).build(),
            SUBJECT + " was built 100 days ago"),
        onImage(
            group("Image Scan Age", "30"),
            TestImages.data().scanTime(daysAgo(45)).build(),
            TestImages.data().scanTime(daysAgo(1)).build(),
            SUBJECT + " was last scanned 45 days ago"),
        onImage(
            group("Image OS", "debian.*"),
            TestImages.data().os("debian:11").build(),
            TestImages.data().os("alpine:3.20").build(),
            SUBJECT + " is based on \"debian:11\""),
        onImage(
            group("Image User", "0|root"),
            TestImages.data().user("root").build(),
            TestImages.data().user("1000").build(),
            SUBJECT + " runs as user \"root\""),
        onImage(
            group("Dockerfile Line", "RUN=.*apt-get update.*"),
            TestImages.data().line("RUN", "apt-get update && apt-get install -y curl").build(),
            TestImages.data().line("RUN", "echo ready").build(),
            SUBJECT + " has Dockerfile line \"RUN apt-get update && apt-get install -y curl\""),
        onImage(
            group("Disallowed Image Label", "maintainer=.*evil.*"),
            TestImages.data().label("maintainer", "evil corp").build(),
            TestImages.data().label("maintainer", "shop team").build(),
            SUBJECT + " has label \"maintainer\""),
        onImage(
            group("Required Image Label", "org.opencontainers.image.source="),
            TestImages.data().build(),
            TestImages.data().label("org.opencontainers.image.source", "https://x").build(),
            SUBJECT + " has no label matching \"org.opencontainers.image.source=\""),
        onImage(
            group("Unscanned Image", "true"),
            TestImages.data().scanned(false).build(),
            TestImages.data().build(),
            SUBJECT + " has not been scanned"),
        onImage(
            group("Image Signature Verified By", "io.stackrox.signatureintegration.release"),
            TestImages.data().build(),
            TestImages.data().verifiedBy("io.stackrox.signatureintegration.release").build(),
            SUBJECT
                + " is not verified by signature integration"
                + " io.stackrox.signatureintegration.release"));
  }

  private static ImageData log4shell() {
    return TestImages.data()
        .vulnerability(
            vulnerability("CVE-2021-44228")
                .component("log4j-core", "2.14.1")
                .cvss(10)
                .nvdCvss(10)
                .severity(VulnerabilitySeverity.CRITICAL)
                .fixedBy("2.17.1")
                .published(daysAgo(900))
                .fixAvailable(daysAgo(880))
                .firstSeenInImage(daysAgo(400))
                .firstSeenInSystem(daysAgo(800)))
        .build();
  }

  /** Moderate, unfixed and recent: none of the vulnerability cases above match it. */
  private static ImageData otherCve() {
    return TestImages.data()
        .vulnerability(
            vulnerability("CVE-2024-0001")
                .cvss(5)
                .nvdCvss(5)
                .published(daysAgo(3))
                .firstSeenInImage(daysAgo(2))
                .firstSeenInSystem(daysAgo(3)))
        .build();
  }

  private static ContainerBuilder app() {
    return container("app").image(IMAGE);
  }

  private static WorkloadBuilder socketMounted(boolean readOnly) {
    return workload()
        .volume("sock", "hostPath", "/var/run/docker.sock")
        .container(app().mount("sock", "/var/run/docker.sock", readOnly));
  }

  private static WorkloadBuilder dataMounted(boolean readOnly) {
    return workload()
        .volume("data", "emptyDir", "")
        .container(app().mount("data", "/data", readOnly));
  }

  private static Case onWorkload(
      PolicyGroup group, WorkloadBuilder fires, WorkloadBuilder passes, String message) {
    return new Case(name(group), group, input(fires.build()), input(passes.build()), message);
  }

  private static Case onContainer(
      PolicyGroup group, ContainerBuilder fires, ContainerBuilder passes, String message) {
    return onWorkload(group, workload().container(fires), workload().container(passes), message);
  }

  private static Case inContext(
      PolicyGroup group, ContextBuilder fires, ContextBuilder passes, String message) {
    var subject = workload().container(app()).build();
    return new Case(
        name(group), group, input(subject, fires.build()), input(subject, passes.build()), message);
  }

  private static Case onPorts(
      PolicyGroup group, ContextBuilder fires, ContextBuilder passes, String message) {
    var subject = workload().container(app().port(8080, "TCP")).build();
    return new Case(
        name(group), group, input(subject, fires.build()), input(subject, passes.build()), message);
  }

  private static Case onImage(
      PolicyGroup group, ImageData fires, ImageData passes, String message) {
    var subject = workload().container(app()).build();
    return new Case(
        name(group),
        group,
        input(subject, TestImages.provider(IMAGE, fires)),
        input(subject, TestImages.provider(IMAGE, passes)),
        message);
  }

  private static String name(PolicyGroup group) {
    return group.fieldName() + "=" + String.join("|", group.values());
  }
}
