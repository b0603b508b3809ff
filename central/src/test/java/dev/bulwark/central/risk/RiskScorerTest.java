package dev.bulwark.central.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.bulwark.core.context.ExposedPort;
import dev.bulwark.core.context.PortExposure;
import dev.bulwark.core.context.RbacLevel;
import dev.bulwark.core.context.WorkloadContext;
import dev.bulwark.core.image.ImageComponent;
import dev.bulwark.core.image.ImageData;
import dev.bulwark.core.image.ImageVulnerability;
import dev.bulwark.core.image.VulnerabilitySeverity;
import dev.bulwark.core.manifest.ManifestReader;
import dev.bulwark.core.manifest.ManifestSource;
import dev.bulwark.core.manifest.ReadLimits;
import dev.bulwark.core.workload.Workload;
import dev.bulwark.core.workload.WorkloadExtractor;
import dev.bulwark.policy.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RiskScorerTest {
  private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
  private static final double EXACT = 1e-9;

  private static final Workload PLAIN =
      workload(
          """
          apiVersion: apps/v1
          kind: Deployment
          metadata: {name: plain, namespace: shop}
          spec:
            template:
              spec:
                containers:
                - name: app
                  image: registry.example/plain:1
                  securityContext:
                    capabilities: {drop: [ALL]}
          """);

  private static final Workload WITH_SECRET_MOUNT =
      workload(
          """
          apiVersion: apps/v1
          kind: Deployment
          metadata: {name: web, namespace: shop}
          spec:
            template:
              spec:
                volumes:
                - name: creds
                  secret: {secretName: creds}
                containers:
                - name: app
                  image: registry.example/web:1
                  volumeMounts:
                  - name: creds
                    mountPath: /creds
          """);

  @Test
  void aDeploymentWithNothingAgainstItScoresOne() {
    Risk risk = score(PLAIN, List.of(), List.of(), List.of());

    assertThat(risk.score()).isEqualTo(1.0);
    assertThat(risk.factors()).isEmpty();
    assertThat(risk.unscannedImages()).isEmpty();
  }

  @Test
  void everyFactorMultipliesAsDocumented() {
    List<ImageComponent> components = new ArrayList<>();
    components.add(new ImageComponent("bash", "5.2"));
    components.add(new ImageComponent("curl", "8.5"));
    for (int i = 0; i < 148; i++) {
      components.add(new ImageComponent("library-" + i, "1.0"));
    }
    ImageComponent openssl = components.get(2);
    ImageComponent zlib = components.get(3);
    ImageData image =
        scanned(
            components,
            List.of(
                vulnerability("CVE-1", openssl, VulnerabilitySeverity.CRITICAL),
                vulnerability("CVE-2", openssl, VulnerabilitySeverity.IMPORTANT),
                // The same CVE in a second package counts once.
                vulnerability("CVE-2", zlib, VulnerabilitySeverity.IMPORTANT),
                vulnerability("CVE-3", zlib, VulnerabilitySeverity.MODERATE),
                vulnerability("CVE-4", zlib, VulnerabilitySeverity.UNKNOWN)),
            NOW.minus(Duration.ofDays(180)));

    Risk risk =
        score(
            WITH_SECRET_MOUNT,
            List.of(Severity.CRITICAL, Severity.HIGH, Severity.LOW),
            List.of(
                new ExposedPort(8080, "TCP", PortExposure.EXTERNAL, 0, "Service web"),
                new ExposedPort(9090, "TCP", PortExposure.INTERNAL, 0, null)),
            List.of(new DeploymentImage("registry.example/web:1", image)));

    // Violations: 4² + 3² + 1² = 26 of 50 -> 1 + 26/50 * 3 = 2.56
    // Vulnerabilities: 9.5 + 8.0 + 5.5 + 0 = 23 of 100 -> 1 + 23/100 * 3 = 1.69
    // Configuration: writable mount + secret + drops nothing = 3 of 8 -> 1 + 3/8 * 1 = 1.375
    // Reachability: external 3 + internal 1 = 4 of 10 -> 1 + 4/10 * 1 = 1.4
    // Attack tools: bash, curl = 2 of 10 -> 1 + 2/10 * 0.5 = 1.1
    // Components: 150, 100 above 50, of 500 -> 1 + 100/500 * 0.5 = 1.1
    // Age: 180 days, 90 above 90, of 180 -> 1 + 90/180 * 0.5 = 1.25
    // 2.56 * 1.69 * 1.375 * 1.4 * 1.1 * 1.1 * 1.25 = 12.596584
    assertThat(risk.factors())
        .extracting(RiskFactor::heading)
        .containsExactly(
            "Policy violations",
            "Image vulnerabilities",
            "Service configuration",
            "Reachability",
            "Tools useful to attackers",
            "Number of components",
            "Image age");
    assertMultipliers(risk, 2.56, 1.69, 1.375, 1.4, 1.1, 1.1, 1.25);
    assertThat(risk.score()).isCloseTo(12.596584, within(EXACT));
    assertThat(risk.factors().getFirst().facts().getFirst())
        .isEqualTo(
            "3 active alerts (1 critical, 1 high, 1 low); squared severities add up to 26, the"
                + " factor is highest from 50");
    assertThat(risk.factors().get(1).facts())
        .containsExactly(
            "registry.example/web:1: 4 vulnerabilities (1 critical, 1 important, 1 moderate,"
                + " 1 unknown), weighing 23");
    assertThat(risk.factors().get(2).facts())
        .contains("uses secrets: volume creds in app", "drops no capabilities: app");
    assertThat(risk.factors().get(3).facts().getFirst())
        .isEqualTo(
            "port 8080/TCP reachable from outside the cluster (load balancer or external IP) via"
                + " Service web");
  }

  @Test
  void privilegedContainersDoubleTheConfigurationPoints() {
    Workload workload =
        workload(
            """
            apiVersion: v1
            kind: Pod
            metadata: {name: root, namespace: shop}
            spec:
              hostNetwork: true
              containers:
              - name: app
                image: registry.example/root:1
                securityContext:
                  privileged: true
                  capabilities: {add: [SYS_ADMIN], drop: [ALL]}
            """);

    Risk risk = score(workload, List.of(), List.of(), List.of());

    // dangerous capability 1 + host network 1 = 2, doubled = 4 of 8 -> 1 + 4/8 * 1 = 1.5
    assertThat(risk.score()).isCloseTo(1.5, within(EXACT));
    assertThat(risk.factors().getFirst().facts())
        .contains(
            "adds capabilities: SYS_ADMIN in app",
            "shares the host's network namespace",
            "privileged containers (doubles the points): app");
  }

  @Test
  void everyFactorSaturatesAtItsMaximum() {
    List<ImageComponent> components = new ArrayList<>();
    for (String tool :
        List.of(
            "bash", "curl", "wget", "apt", "dash", "nmap", "socat", "telnet", "rpm", "zsh",
            "busybox")) {
      components.add(new ImageComponent(tool, "1"));
    }
    for (int i = 0; i < 600; i++) {
      components.add(new ImageComponent("library-" + i, "1"));
    }
    List<ImageVulnerability> vulnerabilities = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      vulnerabilities.add(
          vulnerability("CVE-" + i, components.getFirst(), VulnerabilitySeverity.CRITICAL));
    }
    Workload workload =
        workload(
            """
            apiVersion: v1
            kind: Pod
            metadata: {name: worst, namespace: shop}
            spec:
              hostNetwork: true
              hostPID: true
              hostIPC: true
              volumes:
              - name: creds
                secret: {secretName: creds}
              containers:
              - name: app
                image: registry.example/worst:1
                securityContext:
                  privileged: true
                  capabilities: {add: [ALL]}
                volumeMounts:
                - {name: creds, mountPath: /creds}
            """);
    List<ExposedPort> ports = new ArrayList<>();
    for (int port = 1; port <= 4; port++) {
      ports.add(new ExposedPort(port, "TCP", PortExposure.EXTERNAL, 0, null));
    }

    Risk risk =
        score(
            workload,
            List.of(Severity.CRITICAL, Severity.CRITICAL, Severity.CRITICAL, Severity.CRITICAL),
            ports,
            List.of(
                new DeploymentImage(
                    "registry.example/worst:1",
                    scanned(components, vulnerabilities, NOW.minus(Duration.ofDays(1000))))));

    // 4 (64 > 50) * 4 (104.5 > 100) * 2 (7 points doubled = 14 > 8) * 2 (12 > 10)
    //   * 1.5 (11 tools) * 1.5 (611 components) * 1.5 (1000 days) = 216
    assertMultipliers(risk, 4.0, 4.0, 2.0, 2.0, 1.5, 1.5, 1.5);
    assertThat(risk.score()).isCloseTo(216, within(EXACT));
  }

  @Test
  void anImageWithoutScanAddsNoImageFactorsAndIsReportedAsNotScanned() {
    ImageData metadataOnly =
        new ImageData(
            false,
            null,
            null,
            Map.of(),
            List.of(),
            List.of(),
            List.of(),
            NOW.minus(Duration.ofDays(135)),
            null,
            List.of());

    Risk risk =
        score(
            PLAIN,
            List.of(),
            List.of(),
            List.of(
                new DeploymentImage("registry.example/unknown:1", null),
                new DeploymentImage("registry.example/metadata:1", metadataOnly)));

    // Only the age is known: 135 days, 45 above 90, of 180 -> 1 + 45/180 * 0.5 = 1.125
    assertThat(risk.factors()).extracting(RiskFactor::heading).containsExactly("Image age");
    assertThat(risk.score()).isCloseTo(1.125, within(EXACT));
    assertThat(risk.unscannedImages())
        .containsExactly("registry.example/unknown:1", "registry.example/metadata:1");
  }

  @Test
  void theDeploymentTakesTheWorstImagePerFactor() {
    ImageComponent component = new ImageComponent("openssl", "3");
    ImageData mild =
        scanned(
            List.of(component),
            List.of(vulnerability("CVE-1", component, VulnerabilitySeverity.LOW)),
            null);
    ImageData bad =
        scanned(
            List.of(component),
            List.of(
                vulnerability("CVE-1", component, VulnerabilitySeverity.CRITICAL),
                vulnerability("CVE-2", component, VulnerabilitySeverity.CRITICAL)),
            null);

    Risk risk =
        score(
            PLAIN,
            List.of(),
            List.of(),
            List.of(new DeploymentImage("mild", mild), new DeploymentImage("bad", bad)));

    // worst image: 9.5 + 9.5 = 19 of 100 -> 1 + 19/100 * 3 = 1.57
    assertThat(risk.score()).isCloseTo(1.57, within(EXACT));
    assertThat(risk.factors().getFirst().facts()).hasSize(2);
  }

  @ParameterizedTest
  @CsvSource({
    "''",
    "LOW",
    "CRITICAL",
    "CRITICAL CRITICAL CRITICAL",
    "CRITICAL CRITICAL CRITICAL CRITICAL",
    "MEDIUM HIGH LOW"
  })
  void anotherCriticalViolationNeverLowersTheScore(String severities) {
    List<Severity> before = new ArrayList<>();
    for (String severity : severities.split(" ")) {
      if (!severity.isBlank()) {
        before.add(Severity.valueOf(severity));
      }
    }
    List<Severity> after = new ArrayList<>(before);
    after.add(Severity.CRITICAL);

    double lower = score(WITH_SECRET_MOUNT, before, List.of(), List.of()).score();
    double higher = score(WITH_SECRET_MOUNT, after, List.of(), List.of()).score();

    assertThat(higher).isGreaterThanOrEqualTo(lower);
    if (before.size() < 3) {
      assertThat(higher).isGreaterThan(lower);
    }
  }

  @ParameterizedTest
  @CsvSource({"EXTERNAL", "ROUTE", "NODE", "HOST", "INTERNAL", "UNSET"})
  void anotherExposedPortOrVulnerabilityNeverLowersTheScore(PortExposure exposure) {
    ImageComponent component = new ImageComponent("openssl", "3");
    List<ImageVulnerability> some =
        List.of(vulnerability("CVE-1", component, VulnerabilitySeverity.MODERATE));
    List<ImageVulnerability> more = new ArrayList<>(some);
    more.add(vulnerability("CVE-2", component, VulnerabilitySeverity.LOW));
    List<ExposedPort> ports = List.of(new ExposedPort(80, "TCP", PortExposure.INTERNAL, 0, null));
    List<ExposedPort> morePorts = new ArrayList<>(ports);
    morePorts.add(new ExposedPort(81, "TCP", exposure, 30081, null));

    double base =
        score(PLAIN, List.of(), ports, images(scanned(List.of(component), some, null))).score();
    double withPort =
        score(PLAIN, List.of(), morePorts, images(scanned(List.of(component), some, null))).score();
    double withVulnerability =
        score(PLAIN, List.of(), ports, images(scanned(List.of(component), more, null))).score();

    assertThat(withPort).isGreaterThanOrEqualTo(base);
    assertThat(withVulnerability).isGreaterThan(base);
  }

  private static void assertMultipliers(Risk risk, double... expected) {
    assertThat(risk.factors()).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat(risk.factors().get(i).multiplier())
          .as(risk.factors().get(i).heading())
          .isCloseTo(expected[i], within(EXACT));
    }
  }

  @ParameterizedTest
  @CsvSource({
    "CRITICAL, 0, 0, CRITICAL",
    "LOW, 9.8, 0, LOW",
    "UNKNOWN, 9.0, 0, CRITICAL",
    "UNKNOWN, 7.5, 0, IMPORTANT",
    "UNKNOWN, 0, 5.3, MODERATE",
    "UNKNOWN, 3.9, 9.9, LOW",
    "UNKNOWN, 0, 0, UNKNOWN"
  })
  void aVulnerabilityWithoutSeverityIsWeighedByItsCvssBand(
      VulnerabilitySeverity given, double cvss, double nvdCvss, VulnerabilitySeverity expected) {
    ImageComponent component = new ImageComponent("openssl", "3");
    ImageVulnerability vulnerability =
        new ImageVulnerability(
            "CVE-1", component, cvss, nvdCvss, given, "", null, null, null, null);

    assertThat(RiskScorer.severity(vulnerability)).isEqualTo(expected);
  }

  private static Risk score(
      Workload workload,
      List<Severity> alerts,
      List<ExposedPort> ports,
      List<DeploymentImage> images) {
    WorkloadContext context =
        new WorkloadContext(ports, false, false, RbacLevel.DEFAULT, Map.of(), true, true);
    return RiskScorer.score(new RiskInput(workload, context, alerts, images, NOW));
  }

  private static List<DeploymentImage> images(ImageData data) {
    return List.of(new DeploymentImage("registry.example/image:1", data));
  }

  private static ImageData scanned(
      List<ImageComponent> components,
      List<ImageVulnerability> vulnerabilities,
      @Nullable Instant created) {
    return new ImageData(
        true,
        "debian:12",
        null,
        Map.of(),
        components,
        vulnerabilities,
        List.of(),
        created,
        NOW,
        List.of());
  }

  private static ImageVulnerability vulnerability(
      String cve, ImageComponent component, VulnerabilitySeverity severity) {
    return new ImageVulnerability(cve, component, 0, 0, severity, "", null, null, null, null);
  }

  private static Workload workload(String yaml) {
    ManifestReader.ReadResult read =
        new ManifestReader(ReadLimits.DEFAULT)
            .readAll(ManifestSource.TextSource.direct("test.yaml", yaml));
    assertThat(read.errors()).isEmpty();
    return WorkloadExtractor.extract(read.objects().getFirst()).orElseThrow();
  }
}
