package dev.bulwark.cli;

import static dev.bulwark.cli.CheckCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.cli.CheckCommandTest.Run;
import dev.bulwark.policy.builtin.BuiltinPolicies;
import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.Policy;
import dev.bulwark.testsupport.image.TestImage;
import dev.bulwark.vulndb.store.ArchiveLimits;
import dev.bulwark.vulndb.store.StoreImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code bulwark image check} end to end: OCI layouts built in-process, a vulnerability database
 * imported from PyPA's records for ansible-core (PYSEC-2024-36 = CVE-2024-0690, CVSS 5.5, MODERATE,
 * published 2024-02-06, fixed in 2.16.3) and langchain (PYSEC-2023-162 = CVE-2023-39631, CVSS 9.8,
 * fixed in 0.0.308), and policies written by each test.
 */
class ImageCheckCommandTest {
  private static final String NAME = "registry.example.com/shop/app:1.4";

  @TempDir static Path shared;

  private static Path database;

  /** Debian 12, ansible-core 2.16.1, user root, label team=core, two history lines, 10 days old. */
  private static String app = "";

  /** Debian 12 and langchain 0.0.300, user 1000, built today. */
  private static String critical = "";

  @TempDir Path directory;

  @BeforeAll
  static void buildImagesAndDatabase() throws Exception {
    app =
        TestImage.builder()
            .layer(
                TestImage.layer()
                    .file("etc/os-release", TestImage.DEBIAN_12_OS_RELEASE)
                    .file(
                        "usr/lib/python3/dist-packages/ansible_core-2.16.1.dist-info/METADATA",
                        "Metadata-Version: 2.1\nName: ansible-core\nVersion: 2.16.1\n\n"))
            .user("root")
            .label("team", "core")
            .history("RUN apt-get update && apt-get install -y curl")
            .history("USER root")
            .created(
                Instant.now().minus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS).toString())
            .writeLayout(shared.resolve("app"), "app");
    critical =
        TestImage.builder()
            .layer(
                TestImage.layer()
                    .file("etc/os-release", TestImage.DEBIAN_12_OS_RELEASE)
                    .file(
                        "usr/lib/python3/dist-packages/langchain-0.0.300.dist-info/METADATA",
                        "Metadata-Version: 2.1\nName: langchain\nVersion: 0.0.300\n\n"))
            .user("1000")
            .created(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
            .writeLayout(shared.resolve("critical"), "v1");
    database = shared.resolve("db");
    List<StoreImporter.ImportSource> sources = new ArrayList<>();
    for (String name : List.of("ansible-core", "langchain")) {
      Path records = Conformance.path("osv-pypi-pypa/json/" + name);
      sources.add(new StoreImporter.ImportSource(records, records.toString()));
    }
    new StoreImporter(
            database, ArchiveLimits.DEFAULT, StoreImporter.DEFAULT_LOCK_TIMEOUT, Clock.systemUTC())
        .importSources(sources);
  }

  private static Run check(String reference, String... options) {
    List<String> args = new ArrayList<>(List.of("image", "check", reference));
    args.addAll(List.of(options));
    args.addAll(List.of("--cache-dir", shared.resolve("cache").toString()));
    return run(args.toArray(String[]::new));
  }

  /** One policy in a file of its own: FAIL_BUILD unless {@code enforced} is false. */
  private Path policy(String name, boolean enforced, String... sections) throws IOException {
    StringBuilder yaml =
        new StringBuilder()
            .append("name: ")
            .append(name)
            .append("\ncategories: [Test]\nseverity: HIGH_SEVERITY\nlifecycleStages: [BUILD]\n")
            .append(enforced ? "enforcementActions: [FAIL_BUILD_ENFORCEMENT]\n" : "")
            .append("policySections:\n");
    for (String section : sections) {
      yaml.append("  - policyGroups: [").append(section).append("]\n");
    }
    return write(name.replace(' ', '-') + ".yaml", yaml.toString());
  }

  private Path write(String name, String text) throws IOException {
    Path file = directory.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  private static String group(String field, String value) {
    return "{fieldName: " + field + ", values: [{value: '" + value + "'}]}";
  }

  /** The one policy result of a JSON report. */
  private static JsonNode onlyPolicy(Run run) throws IOException {
    JsonNode policies = run.json().path("policies");
    assertThat(policies).as(run.err() + run.out()).hasSize(1);
    return policies.get(0);
  }

  static Stream<Arguments> criteria() {
    return Stream.of(
        Arguments.of("CVE", "CVE-2024-0690", "CVE-2021-44228"),
        Arguments.of("CVSS", ">= 5.5", "> 5.5"),
        Arguments.of("Severity", ">= MODERATE", ">= IMPORTANT"),
        Arguments.of("Fixable", "true", "false"),
        Arguments.of("Fixed By", "2\\.16\\.3", "2\\.17\\..*"),
        Arguments.of("Days Since CVE Was Published", "300", "100000"),
        Arguments.of("Image Component", "ansible-core=2\\.16\\..*", "openssl="),
        Arguments.of("Image Age", "7", "30"),
        Arguments.of("Image OS", "debian:12", "alpine.*"),
        Arguments.of("Image User", "root|0", "nobody"),
        Arguments.of("Dockerfile Line", "RUN=.*apt-get update.*", "ADD=.*"),
        Arguments.of("Required Image Label", "owner=.+", "team=core"),
        Arguments.of("Disallowed Image Label", "team=core", "deprecated="),
        Arguments.of("Image Registry", "registry\\.example\\.com", "docker\\.io"),
        Arguments.of("Image Remote", "shop/app", "library/.*"),
        Arguments.of("Image Tag", "1\\.4", "latest"),
        Arguments.of("Unscanned Image", "false", "true"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("criteria")
  void everyBuildCriterionFiresOnTheImageAndStaysQuietOtherwise(
      String field, String firing, String quiet) throws IOException {
    Path fires = policy("fires", true, group(field, firing));
    Path staysQuiet = policy("quiet", true, group(field, quiet));
    String[] common = {"--no-defaults", "--image-name", NAME, "-o", "json", "--db"};

    Run violated = check(app, concat(common, database.toString(), "--policies", fires.toString()));
    assertThat(violated.exitCode()).as(violated.err() + violated.out()).isEqualTo(1);
    JsonNode result = onlyPolicy(violated);
    assertThat(result.path("status").asText()).isEqualTo("VIOLATED");
    assertThat(result.path("failsBuild").asBoolean()).isTrue();
    assertThat(result.path("violations")).isNotEmpty();

    Run passed =
        check(app, concat(common, database.toString(), "--policies", staysQuiet.toString()));
    assertThat(passed.exitCode()).as(passed.err() + passed.out()).isZero();
    assertThat(onlyPolicy(passed).path("status").asText()).isEqualTo("PASSED");
  }

  @Test
  void theCveCriterionMatchesTheCveIdOfARecordFiledUnderAnotherId() throws IOException {
    Path byDatabaseId = policy("by record id", true, group("CVE", "PYSEC-2024-36"));

    Run run =
        check(
            app,
            "--no-defaults",
            "--policies",
            byDatabaseId.toString(),
            "-o",
            "json",
            "--db",
            database.toString());

    // PYSEC-2024-36 is known to policies as CVE-2024-0690, the id StackRox policies name.
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(onlyPolicy(run).path("status").asText()).isEqualTo("PASSED");
  }

  @Test
  void nvdCvssIsNotEvaluatedUnlessAnotherCriterionOfItsSectionIsFalse() throws IOException {
    Path alone = policy("nvd alone", true, group("NVD CVSS", ">= 1"));
    Path withFalse =
        policy(
            "nvd with false",
            true,
            group("NVD CVSS", ">= 1") + ", " + group("Image OS", "alpine.*"));
    Path orTrue =
        policy("nvd or user", true, group("NVD CVSS", ">= 1"), group("Image User", "root"));

    Run unknown =
        check(
            app,
            "--no-defaults",
            "--policies",
            alone.toString(),
            "-o",
            "json",
            "--db",
            database.toString());
    assertThat(unknown.exitCode()).as(unknown.err()).isZero();
    JsonNode result = onlyPolicy(unknown);
    assertThat(result.path("status").asText()).isEqualTo("NOT_EVALUATED");
    assertThat(result.path("failsBuild").asBoolean()).isFalse();
    assertThat(result.path("reason").asText())
        .isEqualTo("needs NVD CVSS: OSV records carry no NVD scores");

    Run decided =
        check(
            app,
            "--no-defaults",
            "--policies",
            withFalse.toString(),
            "-o",
            "json",
            "--db",
            database.toString());
    assertThat(onlyPolicy(decided).path("status").asText()).isEqualTo("PASSED");

    Run violated =
        check(
            app,
            "--no-defaults",
            "--policies",
            orTrue.toString(),
            "-o",
            "json",
            "--db",
            database.toString());
    assertThat(violated.exitCode()).isEqualTo(1);
    assertThat(onlyPolicy(violated).path("status").asText()).isEqualTo("VIOLATED");
  }

  @Test
  void aViolatedPolicyWithoutFailBuildIsReportedButPasses() throws IOException {
    Path inform = policy("inform only", false, group("CVE", "CVE-2024-0690"));

    Run run =
        check(
            app,
            "--no-defaults",
            "--policies",
            inform.toString(),
            "-o",
            "json",
            "--db",
            database.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode result = onlyPolicy(run);
    assertThat(result.path("status").asText()).isEqualTo("VIOLATED");
    assertThat(result.path("enforced").asBoolean()).isFalse();
    assertThat(result.path("failsBuild").asBoolean()).isFalse();
    assertThat(run.json().path("buildFails").asBoolean()).isFalse();
  }

  @Test
  void theJsonNamesTheImageThePoliciesTheirViolationsAndTheVerdict() throws IOException {
    Path cve = policy("ansible cve", true, group("CVE", "CVE-2024-0690"));

    Run run =
        check(
            app,
            "--no-defaults",
            "--policies",
            cve.toString(),
            "-o",
            "json",
            "--db",
            database.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode json = run.json();
    assertThat(json.path("version").asText()).isEqualTo("1");
    assertThat(json.path("tool").path("name").asText()).isEqualTo("bulwark");
    JsonNode image = json.path("image");
    assertThat(image.path("reference").asText()).isEqualTo(app);
    assertThat(image.path("digest").asText()).matches("sha256:[0-9a-f]{64}");
    assertThat(image.path("os").asText()).isEqualTo("debian:12");
    assertThat(image.path("name").path("fullName").asText()).isEqualTo(app);
    assertThat(image.path("name").path("registry").asText()).isEmpty();
    assertThat(image.path("name").path("remote").asText()).isEmpty();
    assertThat(image.path("name").path("tag").asText()).isEqualTo("app");
    assertThat(json.path("vulnerabilities").path("checked").asBoolean()).isTrue();
    assertThat(json.path("vulnerabilities").path("database").asText())
        .isEqualTo(database.toAbsolutePath().toString());
    JsonNode policy = json.path("policies").get(0);
    assertThat(policy.path("name").asText()).isEqualTo("ansible cve");
    assertThat(policy.path("severity").asText()).isEqualTo("HIGH");
    assertThat(policy.path("enforcementActions").get(0).asText())
        .isEqualTo("FAIL_BUILD_ENFORCEMENT");
    assertThat(policy.path("enforced").asBoolean()).isTrue();
    assertThat(policy.path("status").asText()).isEqualTo("VIOLATED");
    assertThat(policy.path("failsBuild").asBoolean()).isTrue();
    assertThat(policy.path("reason").isNull()).isTrue();
    JsonNode violation = policy.path("violations").get(0);
    assertThat(violation.path("message").asText())
        .isEqualTo(
            "Image \""
                + app
                + "\" has CVE-2024-0690 (severity MODERATE, CVSS 5.5) in"
                + " \"ansible-core\" 2.16.1, fixed in 2.16.3");
    assertThat(violation.path("waived").asBoolean()).isFalse();
    assertThat(violation.has("waiver")).isFalse();
    JsonNode summary = json.path("summary");
    assertThat(summary.path("policies").asInt()).isEqualTo(1);
    assertThat(summary.path("violated").asInt()).isEqualTo(1);
    assertThat(summary.path("failing").asInt()).isEqualTo(1);
    assertThat(summary.path("notEvaluated").asInt()).isZero();
    assertThat(summary.path("passed").asInt()).isZero();
    assertThat(json.path("buildFails").asBoolean()).isTrue();
    assertThat(json.path("notes").isArray()).isTrue();
    assertThat(run.err()).contains("1 build policy, 1 violated (1 failing the build)");
  }

  @Test
  void messagesNameTheImageNotTheContainerItIsEvaluatedAs() throws IOException {
    Path tag = policy("image tag", false, group("Image Tag", ".*"));

    Run run =
        check(
            app,
            "--no-defaults",
            "--policies",
            tag.toString(),
            "--image-name",
            NAME,
            "-o",
            "json",
            "--skip-db");

    assertThat(onlyPolicy(run).path("violations").get(0).path("message").asText())
        .isEqualTo("Image \"" + NAME + "\" uses image tag \"1.4\"");
  }

  @Test
  void theDefaultPoliciesFailTheBuildOnAFixableCriticalVulnerability() throws IOException {
    Run run = check(critical, "--db", database.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.out())
        .contains("Image " + critical)
        .containsPattern("FAILS BUILD +HIGH +Fixable important or critical vulnerability")
        .contains("CVE-2023-39631 (severity CRITICAL, CVSS 9.8) in \"langchain\" 0.0.300")
        .contains("Build: FAILS");
  }

  @Test
  void theDefaultPoliciesAreTheEnabledBuiltInBuildPolicies() throws IOException {
    Run run =
        check(
            critical,
            "-o",
            "json",
            "--db",
            database.toString(),
            "--disable",
            "fixable-important-vulnerability");

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> ids = new ArrayList<>();
    run.json().path("policies").forEach(policy -> ids.add(policy.path("id").asText()));
    List<String> expected =
        BuiltinPolicies.all().stream()
            .filter(policy -> !policy.disabled() && policy.hasStage(LifecycleStage.BUILD))
            .map(Policy::id)
            .filter(id -> !id.equals("fixable-important-vulnerability"))
            .toList();
    assertThat(ids).isNotEmpty().containsExactlyElementsOf(expected).contains("log4shell");
    assertThat(run.json().path("summary").path("violated").asInt()).isZero();
  }

  @Test
  void aMissingDatabaseIsAnErrorWhenAPolicyReadsVulnerabilities() throws IOException {
    Path missing = directory.resolve("no-db");

    Run run = check(app, "--db", missing.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .contains("no vulnerability database in " + missing, "bulwark db import", "--skip-db")
        .contains("\"Fixable important or critical vulnerability\"");
  }

  @Test
  void aMissingDatabaseDoesNotMatterWhenNoPolicyReadsVulnerabilities() throws IOException {
    Path user = policy("root user", true, group("Image User", "root"));

    Run run =
        check(
            app,
            "--no-defaults",
            "--policies",
            user.toString(),
            "-o",
            "json",
            "--db",
            directory.resolve("no-db").toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.json().path("vulnerabilities").path("checked").asBoolean()).isFalse();
    assertThat(onlyPolicy(run).path("status").asText()).isEqualTo("VIOLATED");
  }

  @Test
  void skipDbReportsVulnerabilityPoliciesAsNotEvaluatedAndDecidesTheRest() throws IOException {
    Path onlyCve = policy("only cve", true, group("CVE", "CVE-2024-0690"));
    Path cveOnAlpine =
        policy(
            "cve on alpine",
            true,
            group("CVE", "CVE-2024-0690") + ", " + group("Image OS", "alpine.*"));
    Path cveOrRoot =
        policy("cve or root", true, group("Fixable", "true"), group("Image User", "root"));

    Run run =
        check(
            app,
            "--no-defaults",
            "--policies",
            onlyCve.toString(),
            "--policies",
            cveOnAlpine.toString(),
            "--policies",
            cveOrRoot.toString(),
            "-o",
            "json",
            "--skip-db");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    JsonNode policies = run.json().path("policies");
    assertThat(policies.get(0).path("status").asText()).isEqualTo("NOT_EVALUATED");
    assertThat(policies.get(0).path("reason").asText())
        .isEqualTo("needs CVE: vulnerabilities were not checked (--skip-db)");
    assertThat(policies.get(1).path("status").asText()).isEqualTo("PASSED");
    assertThat(policies.get(2).path("status").asText()).isEqualTo("VIOLATED");
    assertThat(run.json().path("vulnerabilities").path("checked").asBoolean()).isFalse();
    assertThat(run.json().path("vulnerabilities").path("database").isNull()).isTrue();
  }

  @Test
  void skipDbWithTheDefaultPoliciesNeverPassesSilently() throws IOException {
    Run run = check(critical, "--skip-db");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("Vulnerabilities NOT checked")
        .containsPattern("NOT EVALUATED +HIGH +Fixable important or critical vulnerability")
        .contains("needs Fixed By, Severity: vulnerabilities were not checked (--skip-db)")
        .containsPattern("NOT EVALUATED +CRITICAL +Log4Shell")
        .contains("Build: passes");
  }

  @Test
  void anSbomLeavesConfigurationCriteriaNotEvaluatedAndDecidesItsPackages() throws IOException {
    Path sbom =
        write(
            "app.cdx.json",
            """
            {"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [
              {"type": "operating-system", "name": "debian", "version": "12"},
              {"bom-ref": "ansible", "type": "library", "name": "ansible-core",
               "purl": "pkg:pypi/ansible-core@2.16.1"}]}
            """);
    Path user = policy("root user", true, group("Image User", "root"));
    Path label = policy("owner label", true, group("Required Image Label", "owner=.+"));
    Path component = policy("ansible", true, group("Image Component", "ansible-core="));

    Run run =
        check(
            sbom.toString(),
            "--no-defaults",
            "--policies",
            user.toString(),
            "--policies",
            label.toString(),
            "--policies",
            component.toString(),
            "-o",
            "json",
            "--skip-db");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    JsonNode policies = run.json().path("policies");
    assertThat(policies.get(0).path("status").asText()).isEqualTo("NOT_EVALUATED");
    assertThat(policies.get(0).path("reason").asText())
        .isEqualTo("needs Image User: an SBOM carries no image configuration");
    assertThat(policies.get(1).path("status").asText())
        .as("a missing label is not known to be missing")
        .isEqualTo("NOT_EVALUATED");
    assertThat(policies.get(2).path("status").asText()).isEqualTo("VIOLATED");
  }

  @Test
  void unscannedImageNeverFiresSinceTheCheckScansTheImage() throws IOException {
    Path unscanned = policy("unscanned", true, group("Unscanned Image", "true"));

    Run run =
        check(app, "--no-defaults", "--policies", unscanned.toString(), "-o", "json", "--skip-db");

    assertThat(run.exitCode()).isZero();
    assertThat(onlyPolicy(run).path("status").asText()).isEqualTo("PASSED");
  }

  @Test
  void imageExclusionsApplyAtBuildTimeUntilTheyExpire() throws IOException {
    String excluded =
        """
        name: excluded
        categories: [Test]
        severity: LOW_SEVERITY
        lifecycleStages: [BUILD]
        enforcementActions: [FAIL_BUILD_ENFORCEMENT]
        exclusions:
          - {name: shop images, image: {name: 'registry\\.example\\.com/shop/.*'}}
          - {name: old, image: {name: '.*/legacy:.*'}, expiration: '2020-01-01T00:00:00Z'}
        policySections:
          - policyGroups: [{fieldName: Image User, values: [{value: root}]}]
        """;
    Path policy = write("excluded.yaml", excluded);
    String[] options = {
      "--no-defaults", "--policies", policy.toString(), "-o", "json", "--skip-db", "--image-name"
    };

    Run shop = check(app, concat(options, NAME));
    assertThat(shop.exitCode()).as(shop.err()).isZero();
    assertThat(onlyPolicy(shop).path("status").asText()).isEqualTo("PASSED");

    Run legacy = check(app, concat(options, "registry.example.com/legacy:2"));
    assertThat(legacy.exitCode()).isEqualTo(1);
    assertThat(onlyPolicy(legacy).path("status").asText()).isEqualTo("VIOLATED");
  }

  @Test
  void scopesTakeNoPartAtBuildTime() throws IOException {
    String scoped =
        """
        name: scoped
        categories: [Test]
        severity: LOW_SEVERITY
        lifecycleStages: [BUILD]
        scope: [{namespace: prod}]
        policySections:
          - policyGroups: [{fieldName: Image User, values: [{value: root}]}]
        """;

    Run run =
        check(
            app,
            "--no-defaults",
            "--policies",
            write("scoped.yaml", scoped).toString(),
            "-o",
            "json",
            "--skip-db");

    assertThat(onlyPolicy(run).path("status").asText()).isEqualTo("VIOLATED");
  }

  @Test
  void exceptionsNamingTheImageWaiveViolationsSoTheBuildPasses() throws IOException {
    Path user = policy("root user", true, group("Image User", "root"));
    Path exceptions =
        write(
            "exceptions.yaml",
            """
            apiVersion: bulwark.dev/v1alpha1
            kind: PolicyException
            metadata:
              name: shop-root
            spec:
              policies: ["root user"]
              scope:
                images: ['registry\\.example\\.com/shop/.*']
              owner: shop-team@example.com
              reason: The shop image drops privileges in its entrypoint.
              ticket: SHOP-7
            """);
    String[] options = {
      "--no-defaults",
      "--policies",
      user.toString(),
      "--exceptions",
      exceptions.toString(),
      "-o",
      "json",
      "--skip-db",
      "--image-name"
    };

    Run waived = check(app, concat(options, NAME));
    assertThat(waived.exitCode()).as(waived.err()).isZero();
    JsonNode violation = onlyPolicy(waived).path("violations").get(0);
    assertThat(violation.path("waived").asBoolean()).isTrue();
    assertThat(violation.path("waiver").path("name").asText()).isEqualTo("shop-root");
    assertThat(violation.path("waiver").path("ticket").asText()).isEqualTo("SHOP-7");

    assertThat(check(app, concat(options, "registry.example.com/other:1")).exitCode()).isEqualTo(1);
  }

  @Test
  void aLocalImageHasNoRegistryUnlessItIsNamed() throws IOException {
    Path approved =
        policy(
            "unapproved registry",
            true,
            "{fieldName: Image Registry, negate: true, values: [{value:"
                + " 'registry\\.example\\.com'}]}");
    String[] options = {
      "--no-defaults", "--policies", approved.toString(), "-o", "json", "--skip-db"
    };

    Run local = check(app, options);
    assertThat(local.exitCode()).isEqualTo(1);
    assertThat(onlyPolicy(local).path("violations").get(0).path("message").asText())
        .isEqualTo("Image \"" + app + "\" uses an image from registry \"\"");

    Run named = check(app, concat(options, "--image-name", NAME));
    assertThat(named.exitCode()).isZero();
    assertThat(named.json().path("image").path("name").path("registry").asText())
        .isEqualTo("registry.example.com");
  }

  @Test
  void policiesWithoutTheBuildStageOrWithOnlyRulesAreNotImageCriteria() throws IOException {
    String rulesOnly =
        """
        name: rules only
        categories: [Test]
        severity: LOW_SEVERITY
        lifecycleStages: [BUILD, DEPLOY]
        rules: [{name: any, expression: 'true', message: Always}]
        policySections: []
        """;
    String deployOnly =
        """
        name: deploy only
        categories: [Test]
        severity: LOW_SEVERITY
        lifecycleStages: [DEPLOY]
        policySections:
          - policyGroups: [{fieldName: Image User, values: [{value: root}]}]
        """;

    Run run =
        check(
            app,
            "--no-defaults",
            "--policies",
            write("rules.yaml", rulesOnly).toString(),
            "--policies",
            write("deploy.yaml", deployOnly).toString(),
            "-o",
            "json",
            "--skip-db");

    JsonNode result = onlyPolicy(run);
    assertThat(result.path("name").asText()).isEqualTo("rules only");
    assertThat(result.path("status").asText()).isEqualTo("NOT_EVALUATED");
    assertThat(result.path("reason").asText()).contains("Kubernetes objects");
  }

  @Test
  void badInputsExitWithTwoAndSayWhatIsWrong() throws IOException {
    Run missingImage = check("oci:" + directory.resolve("nothing") + ":app", "--skip-db");
    assertThat(missingImage.exitCode()).isEqualTo(2);
    assertThat(missingImage.err()).contains("no such directory");

    Path badRegex = policy("bad regex", true, group("Image User", "root("));
    Run invalidPolicy = check(app, "--no-defaults", "--policies", badRegex.toString(), "--skip-db");
    assertThat(invalidPolicy.exitCode()).isEqualTo(2);
    assertThat(invalidPolicy.err()).contains("bad-regex.yaml", "root(");

    Path badException =
        write("exceptions.yaml", "apiVersion: bulwark.dev/v1alpha1\nkind: PolicyException\n");
    Run invalidException = check(app, "--exceptions", badException.toString(), "--skip-db");
    assertThat(invalidException.exitCode()).isEqualTo(2);
    assertThat(invalidException.err()).contains("exceptions.yaml");

    Run format = check(app, "-o", "csv", "--skip-db");
    assertThat(format.exitCode()).isEqualTo(2);
    assertThat(format.err()).contains("unknown output format \"csv\"");

    Run blankName = check(app, "--image-name", " ", "--skip-db");
    assertThat(blankName.exitCode()).isEqualTo(2);
    assertThat(blankName.err()).contains("--image-name needs a name");

    Run unknownPolicy = check(app, "--disable", "no-such-policy", "--skip-db");
    assertThat(unknownPolicy.exitCode()).isEqualTo(2);
  }

  @Test
  void sarifAndJunitUseTheCheckWritersWithTheImageAsTheObject() throws IOException {
    Path cve = policy("ansible cve", true, group("CVE", "CVE-2024-0690"));
    String[] options = {
      "--no-defaults", "--policies", cve.toString(), "--db", database.toString(), "-o"
    };

    Run sarif = check(app, concat(options, "sarif"));
    assertThat(sarif.exitCode()).isEqualTo(1);
    JsonNode result = sarif.json().path("runs").get(0).path("results").get(0);
    assertThat(result.path("level").asText()).isEqualTo("error");
    assertThat(result.path("message").path("text").asText()).contains("CVE-2024-0690");
    assertThat(
            result
                .path("locations")
                .get(0)
                .path("logicalLocations")
                .get(0)
                .path("fullyQualifiedName")
                .asText())
        .isEqualTo("Image/" + app);

    Run junit = check(app, concat(options, "junit"));
    assertThat(junit.exitCode()).isEqualTo(1);
    assertThat(junit.out()).contains("<testsuite", "ansible cve", "CVE-2024-0690");
  }

  @Test
  void outputGoesToAFileWithTheSummaryOnStandardError() throws IOException {
    Path report = directory.resolve("reports/image.json");

    Run run =
        check(critical, "--db", database.toString(), "-o", "json", "--output", report.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(Files.readString(report)).contains("\"buildFails\": true");
    assertThat(run.err()).contains("failing the build");
  }

  private static String[] concat(String[] first, String... rest) {
    return Stream.concat(Stream.of(first), Stream.of(rest)).toArray(String[]::new);
  }
}
