package dev.bulwark.scanner.analyzer.os;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.scanner.analyzer.AnalysisResult;
import dev.bulwark.scanner.analyzer.InMemoryFile;
import dev.bulwark.scanner.analyzer.OsFinding;
import dev.bulwark.scanner.analyzer.OsFindings;
import dev.bulwark.scanner.analyzer.OsRelease;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OsReleaseAnalyzerTest {
  private final OsReleaseAnalyzer analyzer = new OsReleaseAnalyzer();

  @Test
  void readsOsReleaseWithQuotesAndCodename() {
    AnalysisResult result =
        InMemoryFile.text(
                "etc/os-release",
                """
                PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
                NAME="Debian GNU/Linux"
                VERSION_ID="12"
                VERSION_CODENAME=bookworm
                ID=debian
                """)
            .analyzeWith(analyzer);

    assertThat(result.os())
        .contains(new OsRelease("debian", "12", "Debian GNU/Linux 12 (bookworm)", "bookworm"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "etc/debian_version|12.5|debian|12|",
        "etc/debian_version|trixie/sid|debian||trixie",
        "etc/alpine-release|3.19.1|alpine|3.19.1|",
        "etc/redhat-release|Red Hat Enterprise Linux release 9.3 (Plow)|rhel|9.3|Plow",
        "etc/rocky-release|Rocky Linux release 9.3 (Blue Onyx)|rocky|9.3|Blue Onyx",
        "etc/centos-release|CentOS Linux release 7.9.2009 (Core)|centos|7.9.2009|Core",
        "etc/fedora-release|Fedora release 39 (Thirty Nine)|fedora|39|Thirty Nine"
      })
  void readsDistributionFiles(
      String path, String content, String id, String versionId, String codename) {
    OsRelease release = InMemoryFile.text(path, content + "\n").analyzeWith(analyzer).os().get();

    assertThat(release.id()).isEqualTo(id);
    assertThat(release.versionId()).isEqualTo(versionId);
    assertThat(release.codename()).isEqualTo(codename);
  }

  @Test
  void etcOsReleaseWinsAndDistributionFilesFillGaps() {
    List<OsFinding> findings = new ArrayList<>();
    for (InMemoryFile file :
        List.of(
            InMemoryFile.text("etc/debian_version", "trixie/sid\n"),
            InMemoryFile.text("usr/lib/os-release", "ID=ubuntu\nVERSION_ID=\"22.04\"\n"),
            InMemoryFile.text("etc/os-release", "ID=debian\nPRETTY_NAME=\"Debian trixie\"\n"))) {
      findings.addAll(file.analyzeWith(analyzer).osFindings());
    }

    assertThat(OsFindings.resolve(findings))
        .contains(new OsRelease("debian", null, "Debian trixie", "trixie"));
  }

  @Test
  void fileThatNamesNoDistributionIsANote() {
    AnalysisResult result =
        InMemoryFile.text("etc/os-release", "# nothing here\nNAME=x\n").analyzeWith(analyzer);

    assertThat(result.osFindings()).isEmpty();
    assertThat(result.notes())
        .singleElement()
        .extracting("reason")
        .asString()
        .contains("does not name a distribution");
  }
}
