package dev.bulwark.scanner.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.image.DockerfileLine;
import dev.bulwark.core.image.ImageComponent;
import dev.bulwark.core.image.ImageData;
import dev.bulwark.core.image.ImageFields;
import dev.bulwark.core.image.ImageVulnerability;
import dev.bulwark.core.image.VulnerabilitySeverity;
import dev.bulwark.scanner.image.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScanResultStoreTest {
  private static final String IMAGE = "sha256:" + "1".repeat(64);
  private static final String INDEX = "sha256:" + "2".repeat(64);
  private static final Instant IMPORTED = Instant.parse("2026-03-01T10:00:00Z");
  private static final Platform ARM = Platform.parse("linux/arm64/v8");

  @TempDir Path directory;

  private final List<String> notes = new ArrayList<>();

  static ScanResult result(String digest, boolean checked, Instant database) {
    ImageComponent component = new ImageComponent("ansible-core", "2.16.1");
    ImageData data =
        new ImageData(
            true,
            "debian:12",
            "app",
            Map.of("team", "core"),
            List.of(component),
            checked
                ? List.of(
                    new ImageVulnerability(
                        "CVE-2024-0690",
                        component,
                        5.5,
                        0,
                        VulnerabilitySeverity.MODERATE,
                        "2.16.3",
                        Instant.parse("2024-02-06T12:15:00Z"),
                        null,
                        null,
                        null))
                : List.of(),
            List.of(new DockerfileLine("RUN", "pip install ansible-core==2.16.1")),
            Instant.parse("2026-01-02T03:04:05Z"),
            Instant.parse("2026-03-02T00:00:00Z"),
            List.of());
    data =
        checked
            ? data.withUnknown(List.of(ImageFields.NVD_CVSS), "OSV records carry no NVD scores")
            : data.withUnknown(ImageFields.VULNERABILITY, "vulnerabilities were not checked");
    return new ScanResult(
        digest,
        "registry.example.com/team/app:1",
        Platform.DEFAULT,
        data,
        checked ? database : null,
        ScanFreshness.analyzerVersions());
  }

  @Test
  void aWrittenResultReadsBackEqual() {
    ScanResultStore store = new ScanResultStore(directory);
    ScanResult written = result(IMAGE, true, IMPORTED);

    store.write(written, notes::add);

    assertThat(directory.resolve("sha256/" + "1".repeat(64) + ".json")).isRegularFile();
    assertThat(store.read(IMAGE, Platform.DEFAULT, notes::add)).contains(written);
    assertThat(notes).isEmpty();
    assertThat(directory.resolve("sha256").toFile().list())
        .as("no temporary file is left")
        .hasSize(1);
  }

  @Test
  void anIndexDigestAnswersOnlyForThePlatformItWasResolvedFor() {
    ScanResultStore store = new ScanResultStore(directory);
    ScanResult written = result(IMAGE, true, IMPORTED);

    store.write(written, notes::add);
    store.writeForIndex(INDEX, written, notes::add);

    assertThat(store.read(INDEX, Platform.DEFAULT, notes::add)).contains(written);
    assertThat(store.read(INDEX, ARM, notes::add)).isEmpty();
    assertThat(directory.resolve("sha256/" + "2".repeat(64) + ".linux-amd64.json")).isRegularFile();
    assertThat(notes).isEmpty();
  }

  @Test
  void nothingIsStoredOrReadForSomethingThatIsNoDigest() {
    ScanResultStore store = new ScanResultStore(directory.resolve("store"));
    store.write(result("latest", true, IMPORTED), notes::add);

    assertThat(store.read("../../etc/passwd", Platform.DEFAULT, notes::add)).isEmpty();
    assertThat(directory.resolve("store")).doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "{not json",
        "[]",
        "{\"format\": 99}",
        "{\"format\": 2, \"digest\": \"sha256:x\"}",
      })
  void anUnusableEntryIsIgnoredWithANote(String content) throws Exception {
    Path file = directory.resolve("sha256/" + "1".repeat(64) + ".json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);

    Optional<ScanResult> read =
        new ScanResultStore(directory).read(IMAGE, Platform.DEFAULT, notes::add);

    assertThat(read).isEmpty();
    assertThat(notes).singleElement().asString().contains(file.toString(), "ignored");
  }

  @Test
  void anEntryWithAFieldOfTheWrongTypeIsIgnored() throws Exception {
    ScanResultStore store = new ScanResultStore(directory);
    store.write(result(IMAGE, true, IMPORTED), notes::add);
    Path file = directory.resolve("sha256/" + "1".repeat(64) + ".json");
    Files.writeString(
        file, Files.readString(file).replace("\"cvss\" : 5.5", "\"cvss\" : \"high\""));

    assertThat(store.read(IMAGE, Platform.DEFAULT, notes::add)).isEmpty();
    assertThat(notes).singleElement().asString().contains("\"cvss\" is missing or no number");
  }

  @Test
  void anEntryHoldingAnotherImageIsNotTrusted() throws Exception {
    ScanResultStore store = new ScanResultStore(directory);
    store.write(result(IMAGE, true, IMPORTED), notes::add);
    String other = "sha256:" + "3".repeat(64);
    Path moved = directory.resolve("sha256/" + "3".repeat(64) + ".json");
    Files.copy(directory.resolve("sha256/" + "1".repeat(64) + ".json"), moved);

    assertThat(store.read(other, Platform.DEFAULT, notes::add)).isEmpty();
    assertThat(notes).singleElement().asString().contains("holds another image");
  }

  @Test
  void aResultIsStaleOnceTheDatabaseIsImportedAgain() {
    ScanResult matched = result(IMAGE, true, IMPORTED);
    Map<String, Integer> analyzers = ScanFreshness.analyzerVersions();

    assertThat(new ScanFreshness(analyzers, IMPORTED).accepts(matched)).isTrue();
    assertThat(new ScanFreshness(analyzers, IMPORTED.plusSeconds(60)).accepts(matched)).isFalse();
    assertThat(new ScanFreshness(analyzers, null).accepts(matched))
        .as("without a database now, an older match still knows more than a scan could")
        .isTrue();
  }

  @Test
  void aResultMadeWithoutADatabaseIsStaleOnceThereIsOne() {
    ScanResult unmatched = result(IMAGE, false, IMPORTED);
    Map<String, Integer> analyzers = ScanFreshness.analyzerVersions();

    assertThat(new ScanFreshness(analyzers, null).accepts(unmatched)).isTrue();
    assertThat(new ScanFreshness(analyzers, IMPORTED).accepts(unmatched)).isFalse();
  }

  @Test
  void aResultOfOtherAnalyzerVersionsIsStaleUnlessAnyResultWillDo() {
    ScanResult matched = result(IMAGE, true, IMPORTED);
    Map<String, Integer> newer = new java.util.TreeMap<>(ScanFreshness.analyzerVersions());
    newer.merge("dpkg", 1, Integer::sum);

    assertThat(new ScanFreshness(newer, IMPORTED).accepts(matched)).isFalse();
    assertThat(ScanFreshness.ANY.accepts(matched)).isTrue();
  }

  @Test
  void whatTheImageDataDoesNotKnowIsStored() {
    ScanResultStore store = new ScanResultStore(directory);
    ScanResult unchecked = result(IMAGE, false, IMPORTED);

    store.write(unchecked, notes::add);
    ScanResult read = store.read(IMAGE, Platform.DEFAULT, notes::add).orElseThrow();

    assertThat(read).isEqualTo(unchecked);
    assertThat(read.vulnerabilitiesChecked()).isFalse();
    assertThat(read.data().scanned()).as("its components are known").isTrue();
    assertThat(read.data().unknownFields())
        .containsEntry(ImageFields.CVE, "vulnerabilities were not checked");
    assertThat(result(IMAGE, true, IMPORTED).vulnerabilitiesChecked()).isTrue();
  }

  @Test
  void anEntryOfTheFirstFormatIsIgnored() throws Exception {
    ScanResultStore store = new ScanResultStore(directory);
    store.write(result(IMAGE, true, IMPORTED), notes::add);
    Path file = directory.resolve("sha256/" + "1".repeat(64) + ".json");
    Files.writeString(file, Files.readString(file).replace("\"format\" : 2", "\"format\" : 1"));

    assertThat(store.read(IMAGE, Platform.DEFAULT, notes::add)).isEmpty();
    assertThat(notes).singleElement().asString().contains("format 1 is not the supported format 2");
  }

  @Test
  void anEntryWhoseCheckContradictsItsUnknownFieldsIsIgnored() throws Exception {
    ScanResultStore store = new ScanResultStore(directory);
    store.write(result(IMAGE, false, IMPORTED), notes::add);
    Path file = directory.resolve("sha256/" + "1".repeat(64) + ".json");
    Files.writeString(
        file,
        Files.readString(file)
            .replace("\"vulnerabilitiesChecked\" : false", "\"vulnerabilitiesChecked\" : true"));

    assertThat(store.read(IMAGE, Platform.DEFAULT, notes::add)).isEmpty();
    assertThat(notes).singleElement().asString().contains("contradicts");
  }
}
