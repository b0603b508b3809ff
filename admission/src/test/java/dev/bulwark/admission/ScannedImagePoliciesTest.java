package dev.bulwark.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.admission.decision.Decision;
import dev.bulwark.admission.decision.DecisionMessages;
import dev.bulwark.admission.review.AdmissionRequest;
import dev.bulwark.admission.review.AdmissionReviews;
import dev.bulwark.scanner.image.source.ImageOptions;
import dev.bulwark.scanner.results.ImageScanOutcome;
import dev.bulwark.scanner.results.ImageScanService;
import dev.bulwark.scanner.results.ScanSettings;
import dev.bulwark.testsupport.image.LayoutRegistry;
import dev.bulwark.testsupport.image.TestImage;
import dev.bulwark.vulndb.store.ArchiveLimits;
import dev.bulwark.vulndb.store.StoreImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Image policies at admission with the scanner's results: an image with {@code ansible-core
 * 2.16.1}, served by an in-process registry, which a database of PYSEC-2024-36 says 2.16.3 fixes,
 * and a policy enforced on CREATE that denies fixable vulnerabilities.
 */
class ScannedImagePoliciesTest {
  private static final String RECORD =
      """
      {"id": "PYSEC-2024-36", "modified": "2024-03-01T00:00:00Z",
       "published": "2024-02-06T12:15:00Z", "aliases": ["CVE-2024-0690"],
       "affected": [{"package": {"ecosystem": "PyPI", "name": "ansible-core"},
         "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.16.3"}]}]}]}
      """;
  private static final String ENFORCED =
      """
      name: No fixable vulnerabilities
      id: no-fixable-vulnerabilities
      categories: [Vulnerability Management]
      lifecycleStages: [DEPLOY]
      severity: HIGH_SEVERITY
      enforcementActions: [FAIL_DEPLOYMENT_CREATE_ENFORCEMENT]
      policySections:
      - policyGroups:
        - fieldName: Fixed By
          values: [{value: ".*"}]
      """;

  @TempDir Path directory;

  private LayoutRegistry registry;
  private String pinned = "";
  private Path database;
  private final List<AdmissionControllerCommand.Controller> controllers = new ArrayList<>();

  @BeforeEach
  void serveImage() throws Exception {
    registry = LayoutRegistry.start();
    TestImage.builder()
        .layer(
            TestImage.layer()
                .file("etc/os-release", TestImage.DEBIAN_12_OS_RELEASE)
                .file(
                    "usr/lib/python3/dist-packages/ansible_core-2.16.1.dist-info/METADATA",
                    "Metadata-Version: 2.1\nName: ansible-core\nVersion: 2.16.1\n\n"))
        .writeLayout(directory.resolve("layout"), "1.0");
    registry.serve("team/app", directory.resolve("layout"));
    pinned = registry.host() + "/team/app@" + registry.digest("team/app", "1.0");
    database = directory.resolve("db");
    Path records = Files.createDirectories(directory.resolve("osv"));
    Files.writeString(records.resolve("PYSEC-2024-36.json"), RECORD);
    new StoreImporter(
            database, ArchiveLimits.DEFAULT, StoreImporter.DEFAULT_LOCK_TIMEOUT, Clock.systemUTC())
        .importSources(List.of(new StoreImporter.ImportSource(records, "test")));
    Files.writeString(directory.resolve("enforced.yaml"), ENFORCED);
  }

  @AfterEach
  void stop() {
    controllers.forEach(AdmissionControllerCommand.Controller::close);
    registry.close();
  }

  /** The controller as the command line wires it. */
  private AdmissionControllerCommand.Controller controller(String... options) {
    AdmissionControllerCommand command = new AdmissionControllerCommand();
    List<String> args =
        new ArrayList<>(
            List.of(
                "--no-defaults",
                "--policies",
                directory.resolve("enforced.yaml").toString(),
                "--scan-results",
                directory.resolve("scans").toString(),
                "--tls-dir",
                directory.resolve("tls").toString()));
    args.addAll(List.of(options));
    new CommandLine(command).parseArgs(args.toArray(String[]::new));
    AdmissionControllerCommand.Controller controller = command.controller(Clock.systemUTC());
    controllers.add(controller);
    return controller;
  }

  private static AdmissionRequest podCreation(String image) throws Exception {
    String pod =
        """
        {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web"},
         "spec": {"containers": [{"name": "app", "image": "%s"}]}}
        """
            .formatted(image);
    return new AdmissionReviews().read(Reviews.review("CREATE", "shop", pod, null));
  }

  /** Scans the image into the store, as {@code bulwark check --scan-images} does. */
  private void scanAsTheCliDoes() throws Exception {
    try (ImageScanService service =
        new ImageScanService(
            new ScanSettings(
                ImageOptions.defaults(),
                Set.of(registry.host()),
                directory.resolve("layers"),
                directory.resolve("scans"),
                database,
                1),
            Clock.systemUTC(),
            note -> {})) {
      assertThat(service.scanRegistryImage(pinned).get().source())
          .isEqualTo(ImageScanOutcome.Source.SCANNED);
    }
  }

  @Test
  void aStoredResultWithAFixableVulnerabilityDeniesTheEnforcedPolicy() throws Exception {
    scanAsTheCliDoes();
    AdmissionControllerCommand.Controller controller = controller();
    AdmissionRequest request = podCreation(pinned);

    Decision decision = controller.decider().decide(request);

    assertThat(decision.denies()).isTrue();
    assertThat(DecisionMessages.denial(request, decision))
        .contains("no-fixable-vulnerabilities", "CVE-2024-0690");
    assertThat(controller.metrics().scrape())
        .as("the metrics the server exposes count the lookup the decider made")
        .contains("bulwark_admission_image_lookups_total{answer=\"cache\"} 1.0");
  }

  @Test
  void withoutAResultTheEnforcedPolicyIsNotEvaluatedAndFailsOpen() throws Exception {
    AdmissionControllerCommand.Controller controller = controller();

    Decision decision = controller.decider().decide(podCreation(pinned));

    assertThat(decision.allowed()).isTrue();
    assertThat(DecisionMessages.warnings(decision, null))
        .anyMatch(warning -> warning.contains("no-fixable-vulnerabilities"));
    assertThat(controller.metrics().scrape())
        .contains("bulwark_admission_image_lookups_total{answer=\"none\"} 1.0");
  }

  @Test
  void anInlineScanFillsTheStoreAndDecides() throws Exception {
    AdmissionControllerCommand.Controller controller =
        controller(
            "--inline-scan",
            "--inline-scan-deadline",
            "20000",
            "--db",
            database.toString(),
            "--cache-dir",
            directory.resolve("layers").toString(),
            "--insecure-registry",
            registry.host());

    Decision decision = controller.decider().decide(podCreation(pinned));

    assertThat(decision.denies()).isTrue();
    assertThat(controller.metrics().scrape())
        .contains("bulwark_admission_image_lookups_total{answer=\"scan\"} 1.0");
    assertThat(
            controller("--scan-results-recheck", "0")
                .decider()
                .decide(podCreation(pinned))
                .denies())
        .as("a controller without inline scans reads what the inline scan stored")
        .isTrue();
  }

  @Test
  void inlineScanOptionsWithoutInlineScanAreUsageErrors() {
    AdmissionControllerCommand command = new AdmissionControllerCommand();
    CommandLine commandLine = new CommandLine(command);
    commandLine.parseArgs("--db", database.toString(), "--tls-dir", directory.toString());

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> command.controller(Clock.systemUTC()))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("--db only apply with --inline-scan");
  }
}
