package dev.bulwark.cli;

import static dev.bulwark.cli.CheckCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.cli.CheckCommandTest.Run;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code bulwark version compare} end to end, in-process: results, names, batches, errors. */
class VersionCommandTest {
  @ParameterizedTest(name = "{0}: {1} {3} {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "debian        | 1:1.0-1           | 2.0-1              | >",
        "Debian:12     | 1.0~rc1-1         | 1.0-1              | <",
        "dpkg          | 2.36-9+deb12u4    | 2.36-9+deb12u10    | <",
        "alpine        | 1.36.1-r2         | 1.36.1_p1-r0       | <",
        "Alpine:v3.20  | 3.3.1_rc1-r0      | 3.3.1-r0           | <",
        "rpm           | 1:3.0.7-27.el9    | 3.0.7-28.el9       | >",
        "Rocky Linux:9 | 1.0~beta-1        | 1.0-1              | <",
        "maven         | 2.17.1            | 2.17.1.0           | =",
        "MAVEN         | 1.0-SNAPSHOT      | 1.0                | <",
        "npm           | 1.0.0-rc.1        | 1.0.0              | <",
        "cargo         | 1.2.3+build.1     | 1.2.3              | =",
        "semver        | 1.0.0-alpha.10    | 1.0.0-alpha.9      | >",
        "go            | v0.0.0-20230101-abcdef | v0.1.0        | <",
        "Go            | v2.0.0+incompatible | v2.0.0           | =",
        "pypi          | 1.0rc1            | 1.0                | <",
        "pep440        | 1.0.post1         | 1.0                | >",
        "gem           | 7.1.0.rc1         | 7.1.0              | <",
        "RubyGems      | 1.0.a             | 1.0                | <",
        "nuget         | 1.0.0.1           | 1.0.0              | >",
        "NuGet         | 1.0.0-BETA        | 1.0.0-beta         | =",
      })
  void printsHowTheFirstVersionComparesToTheSecond(
      String ecosystem, String a, String b, String expected) {
    Run run = run("version", "compare", ecosystem, a, b);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo(expected + System.lineSeparator());
  }

  @Test
  void batchPrintsOneResultPerLine(@TempDir Path dir) throws IOException {
    Path pairs = dir.resolve("pairs.txt");
    Files.writeString(pairs, "1.0 2.0\n2.0-1  2.0-1\n1:0.1 9.9\n");

    Run run = run("version", "compare", "debian", "--batch", pairs.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().lines()).containsExactly("<", "=", ">");
  }

  @Test
  void batchReadsStandardInput() {
    InputStream original = System.in;
    try {
      System.setIn(new ByteArrayInputStream("1.0rc1 1.0\n".getBytes(StandardCharsets.UTF_8)));
      Run run = run("version", "compare", "pypi", "--batch", "-");

      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.out().lines()).containsExactly("<");
    } finally {
      System.setIn(original);
    }
  }

  @Test
  void invalidVersionInABatchNamesItsLine(@TempDir Path dir) throws IOException {
    Path pairs = dir.resolve("pairs.txt");
    Files.writeString(pairs, "1.0 2.0\n1.0 not-a-version\n3.0 4.0\n");

    Run run = run("version", "compare", "npm", "--batch", pairs.toString());

    assertThat(run.exitCode()).isEqualTo(Main.USAGE_OR_INPUT_ERROR);
    assertThat(run.out().lines()).containsExactly("<");
    assertThat(run.err())
        .contains(pairs + ":2: invalid SemVer version \"not-a-version\"")
        .contains("expected MAJOR.MINOR.PATCH");
  }

  @Test
  void batchLineWithoutTwoVersionsIsAnInputError(@TempDir Path dir) throws IOException {
    Path pairs = dir.resolve("pairs.txt");
    Files.writeString(pairs, "1.0\n");

    Run run = run("version", "compare", "maven", "--batch", pairs.toString());

    assertThat(run.exitCode()).isEqualTo(Main.USAGE_OR_INPUT_ERROR);
    assertThat(run.err()).contains(pairs + ":1: expected two versions");
  }

  @Test
  void missingBatchFileIsAnInputError(@TempDir Path dir) {
    Run run = run("version", "compare", "maven", "--batch", dir.resolve("nope.txt").toString());

    assertThat(run.exitCode()).isEqualTo(Main.USAGE_OR_INPUT_ERROR);
    assertThat(run.err()).contains("nope.txt: no such file");
  }

  @Test
  void invalidVersionIsAnInputError() {
    Run run = run("version", "compare", "debian", "x:1.0", "1.0");

    assertThat(run.exitCode()).isEqualTo(Main.USAGE_OR_INPUT_ERROR);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("invalid Debian version \"x:1.0\"").contains("epoch");
  }

  @Test
  void unknownEcosystemListsTheKnownOnes() {
    Run run = run("version", "compare", "cobol", "1", "2");

    assertThat(run.exitCode()).isEqualTo(Main.USAGE_OR_INPUT_ERROR);
    assertThat(run.err()).contains("unknown ecosystem \"cobol\"").contains("rubygems (gem)");
  }

  @Test
  void oneVersionIsAUsageError() {
    Run run = run("version", "compare", "debian", "1.0");

    assertThat(run.exitCode()).isEqualTo(Main.USAGE_OR_INPUT_ERROR);
    assertThat(run.err()).contains("expected two versions A and B, or --batch FILE");
  }

  @Test
  void versionsTogetherWithBatchAreAUsageError() {
    Run run = run("version", "compare", "debian", "1.0", "2.0", "--batch", "-");

    assertThat(run.exitCode()).isEqualTo(Main.USAGE_OR_INPUT_ERROR);
    assertThat(run.err()).contains("not both");
  }

  @Test
  void versionWithoutSubcommandIsAUsageError() {
    Run run = run("version");

    assertThat(run.exitCode()).isEqualTo(Main.USAGE_OR_INPUT_ERROR);
    assertThat(run.err()).contains("compare");
  }
}
