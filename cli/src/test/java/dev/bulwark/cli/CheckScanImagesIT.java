package dev.bulwark.cli;

import static dev.bulwark.cli.CheckCommandTest.run;
import static dev.bulwark.cli.CheckCommandTest.violations;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.cli.CheckCommandTest.Run;
import dev.bulwark.testsupport.image.TestImage;
import dev.bulwark.testsupport.registry.LocalRegistries;
import dev.bulwark.testsupport.registry.RealRegistry;
import dev.bulwark.vulndb.store.ArchiveLimits;
import dev.bulwark.vulndb.store.StoreImporter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bulwark check --scan-images} against real registries (Debian's docker-registry, images
 * pushed with skopeo): an image with {@code ansible-core 2.16.1} (PYSEC-2024-36, fixed in 2.16.3)
 * in an anonymous registry and in one that requires a password.
 */
@RealRegistry
class CheckScanImagesIT {
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

  @TempDir static Path directory;
  private static String anonymous = "";
  private static String privateImage = "";
  private static Path database;

  @BeforeAll
  static void pushImagesAndImportDatabase(LocalRegistries registries) throws Exception {
    Path layout = directory.resolve("layout");
    TestImage.builder()
        .layer(
            TestImage.layer()
                .file("etc/os-release", TestImage.DEBIAN_12_OS_RELEASE)
                .file(
                    "usr/lib/python3/dist-packages/ansible_core-2.16.1.dist-info/METADATA",
                    "Metadata-Version: 2.1\nName: ansible-core\nVersion: 2.16.1\n\n"))
        .writeLayout(layout, "1.0");
    anonymous = registries.anonymous().push(layout, "1.0", "team/app:1.0");
    privateImage = registries.basicAuth().push(layout, "1.0", "private/app:1.0");
    database = directory.resolve("db");
    Path records = Conformance.path("osv-pypi-pypa/json/ansible-core");
    new StoreImporter(
            database, ArchiveLimits.DEFAULT, StoreImporter.DEFAULT_LOCK_TIMEOUT, Clock.systemUTC())
        .importSources(List.of(new StoreImporter.ImportSource(records, records.toString())));
    Files.writeString(directory.resolve("fixable.yaml"), FIXABLE_AT_DEPLOY);
  }

  private static String host(String reference) {
    return reference.substring(0, reference.indexOf('/'));
  }

  private static Run check(String name, String... images) throws Exception {
    StringBuilder yaml = new StringBuilder();
    for (int i = 0; i < images.length; i++) {
      yaml.append(
          """
          ---
          apiVersion: apps/v1
          kind: Deployment
          metadata: {name: %s-%d}
          spec:
            selector: {matchLabels: {app: web}}
            template:
              metadata: {labels: {app: web}}
              spec:
                containers: [{name: app, image: "%s"}]
          """
              .formatted(name, i, images[i]));
    }
    Path manifests = directory.resolve(name + ".yaml");
    Files.writeString(manifests, yaml);
    return run(
        "check",
        manifests.toString(),
        "--no-defaults",
        "--policies",
        directory.resolve("fixable.yaml").toString(),
        "-o",
        "json",
        "--scan-images",
        "--db",
        database.toString(),
        "--insecure-registry",
        host(anonymous),
        "--insecure-registry",
        host(privateImage),
        "--cache-dir",
        directory.resolve("layers-" + name).toString(),
        "--scan-results",
        directory.resolve("scans-" + name).toString());
  }

  @Test
  void anImagePulledFromARegistryMakesTheDeployPolicyBlock() throws Exception {
    Run run = check("anonymous", anonymous, anonymous);

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    JsonNode report = run.json();
    assertThat(violations(report, "anonymous-0", "fixable-at-deploy")).isNotEmpty();
    assertThat(violations(report, "anonymous-1", "fixable-at-deploy")).isNotEmpty();
    assertThat(run.err()).contains("1 image reference: 1 scanned");
  }

  @Test
  void aPrivateImageNeedsCredentialsFromTheDockerConfig() throws Exception {
    Run without = check("anonymous-only", anonymous, privateImage);
    assertThat(without.exitCode()).isEqualTo(1);
    assertThat(without.err())
        .contains(
            "warning: image " + privateImage + " cannot be scanned", "requires authentication");

    Path home = Files.createDirectories(directory.resolve("home/.docker"));
    String auth =
        Base64.getEncoder()
            .encodeToString(
                (LocalRegistries.USERNAME + ":" + LocalRegistries.PASSWORD)
                    .getBytes(StandardCharsets.UTF_8));
    Files.writeString(
        home.resolve("config.json"),
        "{\"auths\":{\"" + host(privateImage) + "\":{\"auth\":\"" + auth + "\"}}}");
    String userHome = System.getProperty("user.home");
    Run with;
    try {
      // The Docker config is found under the user's home, as docker login writes it.
      System.setProperty("user.home", directory.resolve("home").toString());
      with = check("with-credentials", privateImage);
    } finally {
      System.setProperty("user.home", userHome);
    }
    assertThat(with.exitCode()).as(with.err()).isEqualTo(1);
    assertThat(violations(with.json(), "with-credentials-0", "fixable-at-deploy")).isNotEmpty();
  }
}
