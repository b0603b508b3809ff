package dev.bulwark.cli;

import static dev.bulwark.cli.CheckCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.cli.CheckCommandTest.Run;
import dev.bulwark.testsupport.registry.DebianPythonImage;
import dev.bulwark.testsupport.registry.ImageFixtures;
import dev.bulwark.testsupport.registry.LocalRegistries;
import dev.bulwark.testsupport.registry.RealRegistry;
import dev.bulwark.vulndb.store.ArchiveLimits;
import dev.bulwark.vulndb.store.StoreImporter;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bulwark image scan} end to end on a real Debian image in a real registry: the debootstrap
 * bookworm root filesystem plus a layer of Debian's python3-requests 2.28.1 and python3-urllib3
 * 1.26.12 ({@code e2e/images/debian-python}), pushed with skopeo to Debian's docker-registry,
 * pulled and scanned against a store imported from PyPA's advisories for both projects. Exactly
 * three of those advisories cover the installed versions.
 */
@RealRegistry
class DebianImageVulnerabilitiesIT {
  private static final String PYTHON = "usr/lib/python3/dist-packages/";

  @TempDir static Path directory;
  private static DebianPythonImage image;
  private static String anonymous;
  private static String basicAuth;
  private static Path database;
  private static Run anonymousScan;

  @BeforeAll
  static void pushAndImport(ImageFixtures fixtures, LocalRegistries registries) throws Exception {
    image = fixtures.debianPython();
    anonymous = registries.anonymous().push(image.layout(), image.tag(), "debian/python:bookworm");
    basicAuth = registries.basicAuth().push(image.layout(), image.tag(), "private/python:bookworm");
    database = directory.resolve("db");
    List<StoreImporter.ImportSource> sources = new ArrayList<>();
    for (String project : List.of("requests", "urllib3")) {
      Path records = Conformance.path("osv-pypi-pypa/json/" + project);
      sources.add(new StoreImporter.ImportSource(records, records.toString()));
    }
    new StoreImporter(
            database, ArchiveLimits.DEFAULT, StoreImporter.DEFAULT_LOCK_TIMEOUT, Clock.systemUTC())
        .importSources(sources);
    // Each scan pulls the whole image (about 95 MB): one anonymous scan serves two tests.
    anonymousScan = scan(anonymous, "cache-anonymous");
  }

  /** Scans with a fresh layer cache, so that every layer is pulled. */
  private static Run scan(String reference, String cache, String... options) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "image",
                "scan",
                reference,
                "--insecure",
                "--db",
                database.toString(),
                "--cache-dir",
                directory.resolve(cache).toString(),
                "-o",
                "json"));
    args.addAll(List.of(options));
    return run(args.toArray(String[]::new));
  }

  private static Run withStandardInput(String text, String reference, String... options) {
    InputStream original = System.in;
    try {
      System.setIn(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
      return scan(reference, "cache-" + text.hashCode(), options);
    } finally {
      System.setIn(original);
    }
  }

  private static List<JsonNode> elements(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).toList();
  }

  /** Every field of the three findings, the same whichever way the image was pulled. */
  private static void assertFindings(JsonNode json) {
    String layer = image.pythonLayerDiffId();
    assertThat(elements(json.path("vulnerabilities")))
        .extracting(
            finding -> finding.path("id").asText(),
            finding -> finding.path("package").asText(),
            finding -> finding.path("ecosystem").asText(),
            finding -> finding.path("installedVersion").asText(),
            finding -> finding.path("fixedVersion").asText(),
            finding -> finding.path("severity").asText(),
            finding ->
                finding.path("cvssScore").isNull() ? null : finding.path("cvssScore").asDouble(),
            finding -> finding.path("cvssVector").asText(null),
            finding -> finding.path("layer").asText(),
            finding -> finding.path("path").asText())
        .containsExactlyInAnyOrder(
            tuple(
                "PYSEC-2023-74",
                "requests",
                "PyPI",
                "2.28.1",
                "2.31.0",
                "UNKNOWN",
                null,
                null,
                layer,
                PYTHON + "requests-2.28.1.egg-info/PKG-INFO"),
            tuple(
                "PYSEC-2023-192",
                "urllib3",
                "PyPI",
                "1.26.12",
                "1.26.17",
                "HIGH",
                8.1,
                "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:N",
                layer,
                PYTHON + "urllib3-1.26.12.egg-info/PKG-INFO"),
            tuple(
                "PYSEC-2023-212",
                "urllib3",
                "PyPI",
                "1.26.12",
                "1.26.18",
                "MEDIUM",
                4.2,
                "CVSS:3.1/AV:A/AC:H/PR:H/UI:N/S:U/C:H/I:N/A:N",
                layer,
                PYTHON + "urllib3-1.26.12.egg-info/PKG-INFO"));
    assertThat(
            elements(json.path("vulnerabilities")).stream()
                .filter(finding -> finding.path("id").asText().equals("PYSEC-2023-74"))
                .findFirst()
                .orElseThrow()
                .path("aliases"))
        .extracting(JsonNode::asText)
        .contains("CVE-2023-32681");
  }

  @Test
  void reportsTheVulnerablePythonPackagesOfTheLayerWithTheirFixedVersions() throws Exception {
    assertThat(anonymousScan.exitCode()).as(anonymousScan.err()).isZero();
    JsonNode json = anonymousScan.json();
    assertThat(json.path("os").path("id").asText()).isEqualTo("debian");
    assertThat(elements(json.path("layers")))
        .extracting(
            layer -> layer.path("digest").asText(), layer -> layer.path("cached").asBoolean())
        .hasSize(2)
        .endsWith(tuple(image.pythonLayerDiffId(), false));
    assertFindings(json);
  }

  @Test
  void theDpkgDatabaseOfThePythonLayerListsTheDebianPackagesToo() throws Exception {
    JsonNode json = anonymousScan.json();

    List<JsonNode> packages = elements(json.path("packages"));
    assertThat(packages)
        .filteredOn(found -> found.path("name").asText().startsWith("python3-"))
        .extracting(
            found -> found.path("name").asText(),
            found -> found.path("version").asText(),
            found -> found.path("ecosystem").asText(),
            found -> found.path("layer").asText(),
            found -> found.path("path").asText())
        .containsExactlyInAnyOrder(
            tuple(
                "python3-requests",
                image.debianVersions().get("python3-requests"),
                "Debian",
                image.pythonLayerDiffId(),
                "var/lib/dpkg/status"),
            tuple(
                "python3-urllib3",
                image.debianVersions().get("python3-urllib3"),
                "Debian",
                image.pythonLayerDiffId(),
                "var/lib/dpkg/status"));
    // The python layer rewrote the whole database: every Debian package is attributed to it.
    assertThat(packages)
        .filteredOn(found -> found.path("path").asText().equals("var/lib/dpkg/status"))
        .hasSizeGreaterThan(50)
        .allMatch(found -> found.path("layer").asText().equals(image.pythonLayerDiffId()));
  }

  @Test
  void pullsWithBasicAuthAndFindsTheSame() throws Exception {
    Run run =
        withStandardInput(
            LocalRegistries.PASSWORD + "\n",
            basicAuth,
            "--username",
            LocalRegistries.USERNAME,
            "--password-stdin");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertFindings(run.json());
  }

  @Test
  void aWrongPasswordIsAnInputErrorNamingTheUser() {
    Run run =
        withStandardInput(
            "wrong-password\n",
            basicAuth,
            "--username",
            LocalRegistries.USERNAME,
            "--password-stdin");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("authentication to registry", "HTTP 401", LocalRegistries.USERNAME);
    assertThat(run.out()).isEmpty();
  }
}
