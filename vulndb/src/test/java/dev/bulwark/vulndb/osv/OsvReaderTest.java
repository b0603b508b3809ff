package dev.bulwark.vulndb.osv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.vulndb.ConformanceData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The tolerant OSV reader: what it keeps, what it drops with a warning, what it refuses. */
class OsvReaderTest {
  private final OsvReader reader = new OsvReader();

  private OsvReadResult read(String json) throws OsvFormatException {
    return reader.read("test.json", json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsEveryFieldTheStoreNeeds() throws Exception {
    OsvReadResult result =
        read(
            """
            {"id": "GHSA-aaaa-bbbb-cccc", "modified": "2024-05-01T10:00:00.123Z",
             "published": "2024-04-01T00:00:00+02:00", "aliases": ["CVE-2024-1"],
             "related": ["CVE-2024-2"], "summary": "Bad thing", "details": "Long text",
             "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
             "affected": [{"package": {"ecosystem": "npm", "name": "@Scope/Pkg", "purl": "pkg:npm/%40scope/pkg"},
               "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "1.2.3"},
                 {"introduced": "2.0.0"}, {"last_affected": "2.1.0"}]}],
               "versions": ["1.0.0"], "database_specific": {"severity": "HIGH"}}],
             "database_specific": {"source": "x"}}
            """);
    OsvRecord record = result.record();
    assertThat(result.warnings()).isEmpty();
    assertThat(record.id()).isEqualTo("GHSA-aaaa-bbbb-cccc");
    assertThat(record.modified()).isEqualTo(Instant.parse("2024-05-01T10:00:00.123Z"));
    assertThat(record.published()).isEqualTo(Instant.parse("2024-03-31T22:00:00Z"));
    assertThat(record.withdrawn()).isNull();
    assertThat(record.aliases()).containsExactly("CVE-2024-1");
    assertThat(record.related()).containsExactly("CVE-2024-2");
    assertThat(record.headline()).isEqualTo("Bad thing");
    assertThat(record.severity()).extracting(Severity::type).containsExactly("CVSS_V3");
    Affected affected = record.affected().getFirst();
    assertThat(affected.packageId())
        .isEqualTo(new OsvPackage("npm", "@Scope/Pkg", "pkg:npm/%40scope/pkg"));
    assertThat(affected.ranges().getFirst().events())
        .containsExactly(
            new Event(Event.Kind.INTRODUCED, "0"),
            new Event(Event.Kind.FIXED, "1.2.3"),
            new Event(Event.Kind.INTRODUCED, "2.0.0"),
            new Event(Event.Kind.LAST_AFFECTED, "2.1.0"));
    assertThat(affected.versions()).containsExactly("1.0.0");
    assertThat(affected.databaseSpecificJson()).isEqualTo("{\"severity\":\"HIGH\"}");
    assertThat(record.databaseSpecificJson()).isEqualTo("{\"source\":\"x\"}");
  }

  @Test
  void dropsAGitRangeWithAShortCommitAndKeepsTheEcosystemRange() throws Exception {
    OsvReadResult result =
        read(
            """
            {"id": "PYSEC-X", "modified": "2021-01-01T00:00:00Z",
             "affected": [{"package": {"ecosystem": "PyPI", "name": "x"}, "ranges": [
               {"type": "GIT", "repo": "https://example.com/x", "events": [{"introduced": "0"}, {"fixed": "cb35df940a"}]},
               {"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.41.1"}]}]}]}
            """);
    assertThat(result.record().affected().getFirst().ranges())
        .extracting(Range::type)
        .containsExactly("ECOSYSTEM");
    assertThat(result.warnings())
        .containsExactly(
            "affected[0].ranges[0]: GIT event \"cb35df940a\" is not a full commit hash; range"
                + " ignored");
  }

  @Test
  void warnsAboutEveryBrokenPartAndKeepsTheRest() throws Exception {
    OsvReadResult result =
        read(
            """
            {"id": "X-1", "modified": "yesterday", "aliases": "CVE-1", "summary": 3,
             "severity": [{"type": "CVSS_V3"}],
             "affected": [{"package": {"ecosystem": "Go"}},
               {"package": {"ecosystem": "Go", "name": "m"}, "ranges": [
                 {"type": "SEMVER", "events": [{"fixed": "1.0.0"}]},
                 {"type": "WEIRD", "events": [{"introduced": "0"}]}]}]}
            """);
    assertThat(result.record().modified()).isEqualTo(Instant.EPOCH);
    assertThat(result.record().aliases()).isEmpty();
    assertThat(result.record().affected()).hasSize(1);
    assertThat(result.warnings())
        .containsExactly(
            "modified: \"yesterday\" is not an RFC 3339 time; ignored",
            "modified: missing or not an RFC 3339 time; treated as the oldest time",
            "aliases: not an array; ignored",
            "summary: not a string; ignored",
            "severity: an entry without a \"type\" and \"score\" string; ignored",
            "affected[0]: no package ecosystem and name; entry ignored",
            "affected[1].ranges[0]: no \"introduced\" event; range ignored",
            "affected[1].ranges[1]: unknown range type \"WEIRD\"; range ignored",
            "affected[1]: no usable ranges or versions; the package matches nothing");
  }

  @Test
  void refusesDocumentsThatAreNotRecordsNamingTheFileAndPosition() {
    assertThatThrownBy(() -> read("{\"id\": \"X\",\n  \"modified\": }"))
        .isInstanceOf(OsvFormatException.class)
        .hasMessageStartingWith("test.json:2:")
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> read("[1, 2]"))
        .hasMessage("test.json: an OSV record must be a JSON object");
    assertThatThrownBy(() -> read("{\"summary\": \"no id\"}"))
        .hasMessage("test.json: the record has no \"id\" string");
  }

  @Test
  void headlineFallsBackToTheFirstLineOfTheDetails() throws Exception {
    OsvRecord record =
        read("{\"id\": \"X\", \"details\": \"First line.\\nSecond line.\"}").record();
    assertThat(record.headline()).isEqualTo("First line.");
  }

  @Test
  void readsEveryConformanceRecordOfTheSchemaCorpora() throws Exception {
    Path schema = ConformanceData.path("osv-schema");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(schema)) {
      files =
          walk.filter(file -> file.toString().endsWith(".json"))
              .filter(file ->
                  file.toString().endsWith(".osv.json")
                      || file.toString().contains("osv-linter-testdata")
                      || file.toString().contains("redhat-csaf-to-osv-expected"))
              .toList();
    }
    assertThat(files).hasSizeGreaterThan(20);
    for (Path file : files) {
      assertThat(reader.read(file.toString(), Files.readAllBytes(file)).record().id()).isNotBlank();
    }
    OsvReadResult withdrawn = readFile(schema.resolve("ghsa-to-osv-testdata/withdrawn.osv.json"));
    assertThat(withdrawn.record().isWithdrawn()).isTrue();
    OsvReadResult noIntroduced =
        readFile(schema.resolve("osv-linter-testdata/nointroduced-CVE-2023-41045.json"));
    assertThat(noIntroduced.warnings())
        .containsExactly("affected[0]: no package ecosystem and name; entry ignored");
  }

  private OsvReadResult readFile(Path file) throws IOException, OsvFormatException {
    return reader.read(file.toString(), Files.readAllBytes(file));
  }
}
