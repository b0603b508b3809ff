package dev.bulwark.cli;

import static dev.bulwark.cli.CheckCommandTest.run;
import static dev.bulwark.cli.CheckCommandTest.violations;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.cli.CheckCommandTest.Run;
import dev.bulwark.testsupport.image.LayoutRegistry;
import dev.bulwark.testsupport.image.TestImage;
import dev.bulwark.vulndb.store.ArchiveLimits;
import dev.bulwark.vulndb.store.StoreImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bulwark check --scan-images} against an in-process registry serving an image with {@code
 * ansible-core 2.16.1}, which PyPA's PYSEC-2024-36 (fixed in 2.16.3) affects, and a database
 * imported from that record.
 */
class CheckScanImagesTest {
  private static final String FIXABLE_AT_DEPLOY =
      """
      name: Fixable vulnerability at deploy time
      id: fixable-at-deploy
      categories: [Vulnerability Management]
      lifecycleStages: [DEPLOY]
      severity: HIGH_SEVERITY
      enforcementActions: [SCALE_TO_ZERO_ENFORCEMENT]
      policySections:
      - policyGroups:
        - fieldName: Fixed By
          values: [{value: ".*"}]
      """;
  private static final String RUNS_AS_APP =
      """
      name: Image runs as app
      id: image-user-app
      categories: [Security Best Practices]
      lifecycleStages: [DEPLOY]
      severity: LOW_SEVERITY
      policySections:
      - policyGroups:
        - fieldName: Image User
          values: [{value: app}]
      """;

  private static final String UNSCANNED_AT_DEPLOY =
      """
      name: Image not scanned at deploy time
      id: unscanned-at-deploy
      categories: [Vulnerability Management]
      lifecycleStages: [DEPLOY]
      severity: LOW_SEVERITY
      policySections:
      - policyGroups:
        - fieldName: Unscanned Image
          values: [{value: "true"}]
      """;

  @TempDir Path directory;

  private LayoutRegistry registry;
  private String image = "";
  private Path database;

  @BeforeEach
  void serveImageAndImportDatabase() throws Exception {
    registry = LayoutRegistry.start();
    TestImage.builder()
        .layer(
            TestImage.layer()
                .file("etc/os-release", TestImage.DEBIAN_12_OS_RELEASE)
                .file(
                    "usr/lib/python3/dist-packages/ansible_core-2.16.1.dist-info/METADATA",
                    "Metadata-Version: 2.1\nName: ansible-core\nVersion: 2.16.1\n\n"))
        .user("app")
        .writeLayout(directory.resolve("layout"), "1.0");
    registry.serve("team/app", directory.resolve("layout"));
    image = registry.host() + "/team/app:1.0";
    database = directory.resolve("db");
    Path records = Conformance.path("osv-pypi-pypa/json/ansible-core");
    new StoreImporter(
            database, ArchiveLimits.DEFAULT, StoreImporter.DEFAULT_LOCK_TIMEOUT, Clock.systemUTC())
        .importSources(List.of(new StoreImporter.ImportSource(records, records.toString())));
    Files.writeString(directory.resolve("fixable.yaml"), FIXABLE_AT_DEPLOY);
    Files.writeString(directory.resolve("user.yaml"), RUNS_AS_APP);
    Files.writeString(directory.resolve("unscanned.yaml"), UNSCANNED_AT_DEPLOY);
  }

  @AfterEach
  void stopRegistry() {
    registry.close();
  }

  private Path manifests(String... images) throws IOException {
    StringBuilder yaml = new StringBuilder();
    for (int i = 0; i < images.length; i++) {
      yaml.append(
          """
          ---
          apiVersion: v1
          kind: Pod
          metadata: {name: pod-%d}
          spec:
            containers:
            - name: app
              image: %s
          """
              .formatted(i, images[i]));
    }
    Path file = directory.resolve("pods.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private Run check(Path manifests, Path db, String... options) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "check",
                manifests.toString(),
                "--no-defaults",
                "--policies",
                directory.resolve("fixable.yaml").toString(),
                "--policies",
                directory.resolve("user.yaml").toString(),
                "--policies",
                directory.resolve("unscanned.yaml").toString(),
                "-o",
                "json",
                "--scan-images",
                "--db",
                db.toString(),
                "--insecure-registry",
                registry.host(),
                "--cache-dir",
                directory.resolve("layers").toString(),
                "--scan-results",
                directory.resolve("scans").toString()));
    args.addAll(List.of(options));
    return run(args.toArray(String[]::new));
  }

  private static List<String> notEvaluated(JsonNode report, String objectName) {
    List<String> ids = new ArrayList<>();
    for (JsonNode result : report.get("results")) {
      if (result.path("object").path("name").asText().equals(objectName)) {
        result.path("notEvaluated").forEach(entry -> ids.add(entry.path("policyId").asText()));
      }
    }
    return ids;
  }

  @Test
  void aFixableVulnerabilityMakesTheEnforcedDeployPolicyBlock() throws IOException {
    Run run = check(manifests(image), database);

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    JsonNode report = run.json();
    List<JsonNode> found = violations(report, "pod-0", "fixable-at-deploy");
    assertThat(found).isNotEmpty();
    assertThat(found.get(0).path("message").asText()).contains("CVE-2024-0690", "2.16.3");
    assertThat(found.get(0).path("blocking").asBoolean()).isTrue();
    assertThat(violations(report, "pod-0", "image-user-app")).hasSize(1);
    assertThat(notEvaluated(report, "pod-0")).isEmpty();
    assertThat(run.err()).contains("1 image reference: 1 scanned, 0 from stored results");
  }

  @Test
  void withoutScanImagesImageCriteriaAreNotEvaluated() throws IOException {
    Run run =
        run(
            "check",
            manifests(image).toString(),
            "--no-defaults",
            "--policies",
            directory.resolve("fixable.yaml").toString(),
            "-o",
            "json");

    assertThat(run.exitCode()).isZero();
    assertThat(notEvaluated(run.json(), "pod-0")).containsExactly("fixable-at-deploy");
    assertThat(registry.requests()).isEmpty();
  }

  @Test
  void workloadsSharingAnImageHaveItScannedOnce() throws IOException {
    String pinned = registry.host() + "/team/app@" + registry.digest("team/app", "1.0");

    Run run = check(manifests(image, image, pinned), database);

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.err()).contains("2 image references: 1 scanned, 0 from stored results");
    JsonNode report = run.json();
    for (String pod : List.of("pod-0", "pod-1", "pod-2")) {
      assertThat(violations(report, pod, "fixable-at-deploy")).as(pod).isNotEmpty();
    }
  }

  @Test
  void aSecondRunUsesTheStoredResults() throws IOException {
    check(manifests(image), database);

    Run again = check(manifests(image), database);

    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("1 image reference: 0 scanned, 1 from stored results");
  }

  @Test
  void anImageThatCannotBeScannedWarnsAndItsImageCriteriaAreNotEvaluated() throws IOException {
    String missing = registry.host() + "/team/gone:2.0";

    Run run = check(manifests(image, missing), database);

    assertThat(run.exitCode()).as("the other image was scanned and is vulnerable").isEqualTo(1);
    assertThat(run.err())
        .contains("pods.yaml:", "warning: image " + missing + " cannot be scanned", "HTTP 404")
        .contains("2 image references: 1 scanned, 0 from stored results, 1 could not be scanned");
    JsonNode report = run.json();
    assertThat(violations(report, "pod-1", "fixable-at-deploy")).isEmpty();
    assertThat(notEvaluated(report, "pod-1"))
        .containsExactlyInAnyOrder("fixable-at-deploy", "image-user-app");
    assertThat(violations(report, "pod-1", "unscanned-at-deploy")).hasSize(1);
    assertThat(violations(report, "pod-0", "unscanned-at-deploy")).isEmpty();
    assertThat(report.path("notes").toString()).contains("team/gone:2.0");
  }

  @Test
  void whenNoImageCanBeScannedTheExitCodeIsTwo() throws IOException {
    Run run = check(manifests(registry.host() + "/team/gone:2.0"), database);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("no referenced image could be scanned");
  }

  @Test
  void withoutADatabaseVulnerabilityCriteriaAreNotEvaluatedButTheRestOfTheScanIs()
      throws IOException {
    Path none = directory.resolve("no-db");

    Run run = check(manifests(image), none);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err())
        .containsOnlyOnce("no vulnerability database in " + none)
        .contains("NOT checked for vulnerabilities");
    JsonNode report = run.json();
    assertThat(notEvaluated(report, "pod-0")).containsExactly("fixable-at-deploy");
    assertThat(violations(report, "pod-0", "image-user-app")).hasSize(1);
    assertThat(violations(report, "pod-0", "unscanned-at-deploy"))
        .as("it was scanned; only its vulnerabilities were not checked")
        .isEmpty();
  }

  @Test
  void imageOptionsWithoutScanImagesAreAUsageError() throws IOException {
    Run run = run("check", manifests(image).toString(), "--db", database.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--db only apply with --scan-images");
  }
}
