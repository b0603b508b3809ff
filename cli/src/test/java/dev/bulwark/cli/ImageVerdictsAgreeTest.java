package dev.bulwark.cli;

import static dev.bulwark.cli.CheckCommandTest.run;
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
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One policy engine everywhere: {@code image check} on an OCI layout and {@code check
 * --scan-images} on a pod running the same image from a registry give the same verdict for the same
 * policies, including those whose data the scan does not have (NVD CVSS, fix dates, scan history,
 * signatures) and, without a database, those that read vulnerabilities.
 */
class ImageVerdictsAgreeTest {
  /** Build and deploy policies on ansible-core 2.16.1 (CVE-2024-0690, CVSS 5.5, user app). */
  private static final List<String> POLICIES =
      List.of(
          policy("cve", group("CVE", "CVE-2024-0690")),
          policy("nvd", group("NVD CVSS", ">= 7")),
          policy("cvss-and-nvd", group("CVSS", ">= 7"), group("NVD CVSS", ">= 7")),
          policy("severity-and-nvd", group("Severity", ">= MODERATE"), group("NVD CVSS", ">= 1")),
          policy(
              "signature",
              group(
                  "Image Signature Verified By",
                  "io.stackrox.signatureintegration.4b2c1f4e-8d0e-4c59-9a8c-0c4b8f5e2a11")),
          policy("user", group("Image User", "app")),
          policy("unscanned", group("Unscanned Image", "true")),
          policy("component", group("Image Component", "ansible-core=")),
          policy("fix-age", group("Days Since CVE Fix Was Available", "1")),
          policy("first-seen", group("Days Since CVE Was First Discovered In Image", "1")),
          policy("fixed-on-alpine", group("Fixed By", ".*"), group("Image OS", "alpine.*")),
          """
          name: Policy nvd-or-user
          id: nvd-or-user
          categories: [Test]
          severity: LOW_SEVERITY
          lifecycleStages: [BUILD, DEPLOY]
          policySections:
          - policyGroups: [%s]
          - policyGroups: [%s]
          """
              .formatted(group("NVD CVSS", ">= 7"), group("Image User", "app")));

  @TempDir Path directory;

  private LayoutRegistry registry;
  private String layout = "";
  private String image = "";
  private Path database;

  private static String group(String field, String value) {
    return "{fieldName: " + field + ", values: [{value: '" + value + "'}]}";
  }

  private static String policy(String id, String... groups) {
    return """
    name: Policy %s
    id: %s
    categories: [Test]
    severity: LOW_SEVERITY
    lifecycleStages: [BUILD, DEPLOY]
    policySections:
    - policyGroups: [%s]
    """
        .formatted(id, id, String.join(", ", groups));
  }

  @BeforeEach
  void serveImageAndImportDatabase() throws Exception {
    layout =
        TestImage.builder()
            .layer(
                TestImage.layer()
                    .file("etc/os-release", TestImage.DEBIAN_12_OS_RELEASE)
                    .file(
                        "usr/lib/python3/dist-packages/ansible_core-2.16.1.dist-info/METADATA",
                        "Metadata-Version: 2.1\nName: ansible-core\nVersion: 2.16.1\n\n"))
            .user("app")
            .writeLayout(directory.resolve("layout"), "1.0");
    registry = LayoutRegistry.start();
    registry.serve("team/app", directory.resolve("layout"));
    image = registry.host() + "/team/app:1.0";
    database = directory.resolve("db");
    Path records = Conformance.path("osv-pypi-pypa/json/ansible-core");
    new StoreImporter(
            database, ArchiveLimits.DEFAULT, StoreImporter.DEFAULT_LOCK_TIMEOUT, Clock.systemUTC())
        .importSources(List.of(new StoreImporter.ImportSource(records, records.toString())));
    Files.writeString(directory.resolve("policies.yaml"), String.join("---\n", POLICIES));
    Files.writeString(
        directory.resolve("pod.yaml"),
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: app}
        spec:
          containers:
          - name: app
            image: %s
        """
            .formatted(image));
  }

  @AfterEach
  void stopRegistry() {
    registry.close();
  }

  /** Policy ids by verdict, as one report or the other gives them. */
  private record Verdicts(Set<String> violated, Set<String> notEvaluated) {}

  @Test
  void withADatabaseBothPathsGiveTheSameVerdicts() {
    Verdicts imageCheck = imageCheck("--db", database.toString());
    Verdicts scanImages = checkScanImages(database);

    assertThat(imageCheck.violated()).containsExactly("component", "cve", "nvd-or-user", "user");
    assertThat(imageCheck.notEvaluated())
        .containsExactly("first-seen", "fix-age", "nvd", "severity-and-nvd", "signature");
    assertThat(scanImages).isEqualTo(imageCheck);
  }

  @Test
  void withoutVulnerabilitiesBothPathsGiveTheSameVerdicts() {
    Verdicts imageCheck = imageCheck("--skip-db");
    Verdicts scanImages = checkScanImages(directory.resolve("no-db"));

    assertThat(imageCheck.violated()).containsExactly("component", "nvd-or-user", "user");
    assertThat(imageCheck.notEvaluated())
        .containsExactly(
            "cve", "cvss-and-nvd", "first-seen", "fix-age", "nvd", "severity-and-nvd", "signature");
    assertThat(scanImages).isEqualTo(imageCheck);
  }

  private Verdicts imageCheck(String... database) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "image",
                "check",
                layout,
                "--image-name",
                image,
                "--no-defaults",
                "--policies",
                directory.resolve("policies.yaml").toString(),
                "-o",
                "json",
                "--cache-dir",
                directory.resolve("layers").toString()));
    args.addAll(List.of(database));
    Run run = run(args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.err()).isZero();
    Set<String> violated = new TreeSet<>();
    Set<String> notEvaluated = new TreeSet<>();
    for (JsonNode policy : json(run).path("policies")) {
      switch (policy.path("status").asText()) {
        case "VIOLATED" -> violated.add(policy.path("id").asText());
        case "NOT_EVALUATED" -> notEvaluated.add(policy.path("id").asText());
        default -> {}
      }
    }
    return new Verdicts(violated, notEvaluated);
  }

  private Verdicts checkScanImages(Path db) {
    Run run =
        run(
            "check",
            directory.resolve("pod.yaml").toString(),
            "--no-defaults",
            "--policies",
            directory.resolve("policies.yaml").toString(),
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
            directory.resolve("scans").toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    Set<String> violated = new TreeSet<>();
    Set<String> notEvaluated = new TreeSet<>();
    for (JsonNode result : json(run).path("results")) {
      result.path("violations").forEach(found -> violated.add(found.path("policyId").asText()));
      result
          .path("notEvaluated")
          .forEach(entry -> notEvaluated.add(entry.path("policyId").asText()));
    }
    return new Verdicts(violated, notEvaluated);
  }

  private static JsonNode json(Run run) {
    try {
      return run.json();
    } catch (IOException e) {
      throw new AssertionError("the report is no JSON: " + run.out(), e);
    }
  }
}
