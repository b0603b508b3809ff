package dev.bulwark.scanner.analyzer.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.scanner.analyzer.AnalysisResult;
import dev.bulwark.scanner.analyzer.InMemoryFile;
import dev.bulwark.scanner.analyzer.MalformedContentException;
import dev.bulwark.scanner.analyzer.OsPackages;
import dev.bulwark.scanner.analyzer.OsRelease;
import dev.bulwark.scanner.analyzer.Package;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RpmDatabaseAnalyzerTest {
  /**
   * A header blob copied from an rpmdb.sqlite that rpm 4.18 (Debian's rpm package) wrote when it
   * installed a package built with rpmbuild (Name bulwark-fixture, Epoch 2, Version 1.2.3, Release
   * 4.el9, BuildArch noarch): the cross-check of our reading against rpm's own writing.
   */
  private static final String REAL_HEADER = "bulwark-fixture-2.1.2.3-4.el9.noarch.header";

  /**
   * Berkeley DB hash databases written by db5.3_load (Debian's db5.3-util) as rpm keeps Packages:
   * key the package number, value the header. The first (page size 512) holds the real header and a
   * 141-byte tzdata header, both on chains of overflow pages; the second (page size 1024) holds the
   * tzdata header on the hash page itself.
   */
  private static final String BERKELEY_OVERFLOW = "berkeley-overflow-pages.db";

  private static final String BERKELEY_INLINE = "berkeley-inline-values.db";

  private final RpmDatabaseAnalyzer analyzer = new RpmDatabaseAnalyzer();

  @Test
  void readsAHeaderRpmItselfWrote() throws Exception {
    Package found =
        Objects.requireNonNull(
            RpmDatabaseAnalyzer.found(RpmHeader.parse(realHeader()), "var/lib/rpm/rpmdb.sqlite"));

    assertThat(found.name()).isEqualTo("bulwark-fixture");
    assertThat(found.version()).isEqualTo("2:1.2.3-4.el9");
    assertThat(found.architecture()).isEqualTo("noarch");
    assertThat(found.sourceName()).isEqualTo("bulwark-fixture");
    assertThat(found.sourceVersion()).isEqualTo("2:1.2.3-4.el9");
    assertThat(found.purl().toString())
        .isEqualTo("pkg:rpm/redhat/bulwark-fixture@1.2.3-4.el9?arch=noarch&epoch=2");
  }

  @Test
  void readsEveryRowOfTheSqliteDatabase(@TempDir Path work) throws Exception {
    Path database = work.resolve("rpmdb.sqlite");
    byte[] openssl =
        new RpmHeaderWriter()
            .string(RpmHeader.NAME, "openssl-libs")
            .string(RpmHeader.VERSION, "3.0.7")
            .string(RpmHeader.RELEASE, "25.el9_3")
            .integer(RpmHeader.EPOCH, 1)
            .string(RpmHeader.ARCH, "x86_64")
            .string(RpmHeader.SOURCE_RPM, "openssl-3.0.7-25.el9_3.src.rpm")
            .build();
    byte[] key =
        new RpmHeaderWriter()
            .string(RpmHeader.NAME, "gpg-pubkey")
            .string(RpmHeader.VERSION, "fd431d51")
            .string(RpmHeader.RELEASE, "4ae0493b")
            .build();
    createDatabase(database, List.of(realHeader(), openssl, key, new byte[] {0, 0, 0, 9}));

    AnalysisResult result =
        InMemoryFile.of(database, "var/lib/rpm/rpmdb.sqlite").analyzeWith(analyzer);

    assertThat(result.packages())
        .extracting(Package::name, Package::version, Package::sourceName, Package::sourceVersion)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "bulwark-fixture", "2:1.2.3-4.el9", "bulwark-fixture", "2:1.2.3-4.el9"),
            org.assertj.core.groups.Tuple.tuple(
                "openssl-libs", "1:3.0.7-25.el9_3", "openssl", "1:3.0.7-25.el9_3"));
    assertThat(result.notes())
        .singleElement()
        .satisfies(note -> assertThat(note.path()).endsWith("rpmdb.sqlite:Packages[4]"));
    Package attributed =
        OsPackages.attribute(result.packages().get(1), new OsRelease("rocky", "9.3", null, null));
    assertThat(attributed.ecosystem().osvName()).isEqualTo("Rocky Linux");
    assertThat(attributed.purl().toString())
        .isEqualTo(
            "pkg:rpm/rocky/openssl-libs@3.0.7-25.el9_3?arch=x86_64&distro=rocky-9.3&epoch=1");
  }

  @Test
  void notASqliteDatabaseIsANote() {
    AnalysisResult result =
        InMemoryFile.text("var/lib/rpm/rpmdb.sqlite", "garbage".repeat(100)).analyzeWith(analyzer);

    assertThat(result.packages()).isEmpty();
    assertThat(result.notes())
        .singleElement()
        .extracting("reason")
        .asString()
        .contains("not a readable rpm SQLite database");
  }

  @Test
  void readsBerkeleyDatabaseValuesChainedAcrossOverflowPages() throws IOException {
    AnalysisResult result =
        new InMemoryFile("var/lib/rpm/Packages", resource(BERKELEY_OVERFLOW)).analyzeWith(analyzer);

    assertThat(result.notes()).isEmpty();
    assertThat(result.packages())
        .extracting(Package::name, Package::version, Package::sourceName)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                "bulwark-fixture", "2:1.2.3-4.el9", "bulwark-fixture"),
            org.assertj.core.groups.Tuple.tuple("tzdata", "2024a-1.el9", "tzdata"));
  }

  @Test
  void readsBerkeleyDatabaseValuesStoredOnTheHashPage() throws IOException {
    AnalysisResult result =
        new InMemoryFile("usr/lib/sysimage/rpm/Packages", resource(BERKELEY_INLINE))
            .analyzeWith(analyzer);

    assertThat(result.packages()).extracting(Package::name).containsExactly("tzdata");
  }

  @Test
  void brokenOverflowChainIsANote() throws IOException {
    byte[] database = resource(BERKELEY_OVERFLOW);
    // Page 3 starts the first value's chain (page size 512); cut its link to page 4.
    java.util.Arrays.fill(database, 3 * 512 + 16, 3 * 512 + 20, (byte) 0);

    AnalysisResult result =
        new InMemoryFile("var/lib/rpm/Packages", database).analyzeWith(analyzer);

    assertThat(result.packages()).isEmpty();
    assertThat(result.notes())
        .singleElement()
        .extracting("reason")
        .asString()
        .contains("overflow chain is broken");
  }

  @Test
  void notABerkeleyDatabaseIsANote() {
    AnalysisResult result =
        InMemoryFile.text("var/lib/rpm/Packages", "x".repeat(600)).analyzeWith(analyzer);

    assertThat(result.notes())
        .singleElement()
        .extracting("reason")
        .asString()
        .contains("not a Berkeley DB hash database");
  }

  @Test
  void ndbDatabaseIsNotReadAndSaysSo() {
    AnalysisResult result =
        InMemoryFile.text("usr/lib/sysimage/rpm/Packages.db", "ndb").analyzeWith(analyzer);

    assertThat(result.notes())
        .singleElement()
        .extracting("reason")
        .asString()
        .contains("NDB rpm databases are not read");
  }

  @Test
  void headerPointingOutsideItsDataIsMalformed() {
    byte[] blob =
        new RpmHeaderWriter().string(RpmHeader.NAME, "x").string(RpmHeader.VERSION, "1").build();
    blob[8 + 16 + 8 + 3] = 120;

    assertThatThrownBy(() -> RpmHeader.parse(blob))
        .isInstanceOf(MalformedContentException.class)
        .hasMessageContaining("points outside its data");
  }

  @Test
  void parsesSourceRpmNames() {
    assertThat(RpmDatabaseAnalyzer.SourceRpm.parse("glibc-2.34-83.el9_3.7.src.rpm"))
        .isEqualTo(new RpmDatabaseAnalyzer.SourceRpm("glibc", "2.34-83.el9_3.7"));
    assertThat(RpmDatabaseAnalyzer.SourceRpm.parse("nonsense.rpm")).isNull();
  }

  private static byte[] realHeader() throws IOException {
    return resource(REAL_HEADER);
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = RpmDatabaseAnalyzerTest.class.getResourceAsStream(name)) {
      return Objects.requireNonNull(in, name).readAllBytes();
    }
  }

  /** The Packages table as rpm 4.18 creates it; the index tables are not read and not made. */
  private static void createDatabase(Path database, List<byte[]> blobs) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE 'Packages' (hnum INTEGER PRIMARY KEY AUTOINCREMENT,blob BLOB NOT NULL)");
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO Packages (blob) VALUES (?)")) {
        for (byte[] blob : blobs) {
          insert.setBytes(1, blob);
          insert.executeUpdate();
        }
      }
    }
  }
}
