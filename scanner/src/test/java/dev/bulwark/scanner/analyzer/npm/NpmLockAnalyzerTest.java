package dev.bulwark.scanner.analyzer.npm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.bulwark.scanner.analyzer.Analysis;
import dev.bulwark.scanner.analyzer.AnalysisResult;
import dev.bulwark.scanner.analyzer.AnalyzedFile;
import dev.bulwark.scanner.analyzer.InMemoryFile;
import dev.bulwark.scanner.analyzer.Note;
import dev.bulwark.scanner.analyzer.Package;
import java.io.InputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NpmLockAnalyzerTest {
  private final NpmLockAnalyzer analyzer = new NpmLockAnalyzer();

  private AnalysisResult analyze(String path, String text) {
    return InMemoryFile.text(path, text).analyzeWith(analyzer);
  }

  @Test
  void versionOneReadsNestedDependenciesWithoutDevelopmentOnes() {
    AnalysisResult result =
        analyze(
            "app/package-lock.json",
            """
            {
              "name": "app", "version": "1.0.0", "lockfileVersion": 1,
              "dependencies": {
                "express": {
                  "version": "4.18.2",
                  "dependencies": {
                    "debug": {"version": "2.6.9"},
                    "@types/node": {"version": "20.1.0"}
                  }
                },
                "debug": {"version": "4.3.4"},
                "mocha": {"version": "10.2.0", "dev": true,
                  "dependencies": {"ms": {"version": "2.1.3", "dev": true}}},
                "bundled": {"version": "1.0.0", "bundled": true}
              }
            }
            """);

    assertThat(result.packages())
        .extracting(Package::name, Package::version, Package::path)
        .containsExactlyInAnyOrder(
            tuple("express", "4.18.2", "app/package-lock.json"),
            tuple("debug", "2.6.9", "app/package-lock.json"),
            tuple("@types/node", "20.1.0", "app/package-lock.json"),
            tuple("debug", "4.3.4", "app/package-lock.json"),
            tuple("bundled", "1.0.0", "app/package-lock.json"));
    assertThat(result.notes()).isEmpty();
  }

  @Test
  void versionOneAliasNamesTheRealPackage() {
    AnalysisResult result =
        analyze(
            "package-lock.json",
            """
            {"lockfileVersion": 1, "dependencies": {
              "my-lodash": {"version": "npm:lodash@4.17.21"},
              "my-core": {"version": "npm:@babel/core@7.24.0"}}}
            """);

    assertThat(result.packages())
        .extracting(Package::name, Package::version)
        .containsExactly(tuple("lodash", "4.17.21"), tuple("@babel/core", "7.24.0"));
  }

  @Test
  void versionTwoPrefersPackagesOverDependencies() {
    AnalysisResult result =
        analyze(
            "srv/npm-shrinkwrap.json",
            """
            {
              "lockfileVersion": 2,
              "packages": {
                "": {"name": "srv", "version": "1.0.0"},
                "node_modules/lodash": {"version": "4.17.21"}
              },
              "dependencies": {
                "lodash": {"version": "4.17.21"},
                "only-in-legacy-section": {"version": "9.9.9"}
              }
            }
            """);

    assertThat(result.packages())
        .extracting(Package::name, Package::version, Package::path)
        .containsExactly(tuple("lodash", "4.17.21", "srv/npm-shrinkwrap.json"));
  }

  @Test
  void versionThreeNamesPackagesByTheirLastInstallFolder() {
    AnalysisResult result =
        analyze(
            "app/package-lock.json",
            """
            {
              "lockfileVersion": 3,
              "packages": {
                "": {"name": "app", "version": "1.0.0"},
                "node_modules/@babel/core": {"version": "7.24.0"},
                "node_modules/@babel/core/node_modules/semver": {"version": "6.3.1"},
                "node_modules/semver": {"version": "7.6.0"},
                "node_modules/my-lodash": {"name": "lodash", "version": "4.17.21"},
                "node_modules/jest": {"version": "29.7.0", "dev": true},
                "node_modules/fsevents": {"version": "2.3.3", "devOptional": true},
                "node_modules/no-version": {"resolved": "https://example.org/x.tgz"},
                "node_modules/semver-again/node_modules/semver": {"version": "7.6.0"}
              }
            }
            """);

    assertThat(result.packages())
        .extracting(Package::name, Package::version)
        .containsExactly(
            tuple("@babel/core", "7.24.0"),
            tuple("semver", "6.3.1"),
            tuple("semver", "7.6.0"),
            tuple("lodash", "4.17.21"),
            tuple("fsevents", "2.3.3"));
    assertThat(result.packages().getFirst().purl().toString())
        .isEqualTo("pkg:npm/%40babel/core@7.24.0");
    assertThat(result.notes()).isEmpty();
  }

  @Test
  void linksAndWorkspaceSourcesAreNotPackages() {
    AnalysisResult result =
        analyze(
            "app/package-lock.json",
            """
            {
              "lockfileVersion": 3,
              "packages": {
                "": {"name": "app", "workspaces": ["packages/*"]},
                "node_modules/shared": {"resolved": "packages/shared", "link": true},
                "packages/shared": {"name": "shared", "version": "0.1.0"},
                "node_modules/left-pad": {"version": "1.3.0"}
              }
            }
            """);

    assertThat(result.packages()).extracting(Package::name).containsExactly("left-pad");
  }

  @Test
  void nonRegistryVersionsAreCountedInOneNote() {
    AnalysisResult result =
        analyze(
            "app/package-lock.json",
            """
            {"lockfileVersion": 1, "dependencies": {
              "from-git": {"version": "git+https://github.com/example/x.git#0123abcd"},
              "from-folder": {"version": "file:../x"},
              "from-tarball": {"version": "https://example.org/x-1.0.0.tgz"},
              "from-registry": {"version": "1.0.0-beta.1+build.5"}}}
            """);

    assertThat(result.packages())
        .extracting(Package::name, Package::version)
        .containsExactly(tuple("from-registry", "1.0.0-beta.1+build.5"));
    assertThat(result.notes())
        .extracting(Note::reason)
        .containsExactly(
            "3 entries with a version that is not a registry version (git, file or tarball"
                + " reference) skipped");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"lockfileVersion\": 3, ", "[1, 2]", "{\"packages\": [1]}"})
  void malformedContentIsANote(String text) {
    AnalysisResult result = analyze("app/package-lock.json", text);

    assertThat(result.packages()).isEmpty();
    assertThat(result.notes())
        .singleElement()
        .extracting(Note::path)
        .isEqualTo("app/package-lock.json");
  }

  @Test
  void oversizedFileIsANoteWithoutReading() {
    AnalysisResult.Collector collector = new AnalysisResult.Collector();
    AnalyzedFile huge =
        new AnalyzedFile() {
          @Override
          public String path() {
            return "app/package-lock.json";
          }

          @Override
          public long size() {
            return 65L << 20;
          }

          @Override
          public InputStream open() {
            throw new AssertionError("an oversized file is not opened");
          }

          @Override
          public Path materialise() {
            throw new AssertionError("an oversized file is not materialised");
          }
        };

    Analysis.run(analyzer, huge, collector);

    assertThat(collector.result().notes())
        .singleElement()
        .extracting(Note::reason)
        .asString()
        .startsWith("larger than the 67108864 bytes");
  }

  @Test
  void tooManyEntriesAreCutWithANote() {
    StringBuilder lock = new StringBuilder("{\"lockfileVersion\": 3, \"packages\": {");
    for (int i = 0; i <= 200_000; i++) {
      lock.append(i == 0 ? "" : ",").append("\"node_modules/p").append(i).append("\":{}");
    }
    lock.append("}}");

    AnalysisResult result = analyze("app/package-lock.json", lock.toString());

    assertThat(result.notes())
        .extracting(Note::reason)
        .containsExactly("more than 200000 entries; the rest skipped");
  }

  @ParameterizedTest
  @CsvSource({
    "package-lock.json, true",
    "app/package-lock.json, true",
    "srv/api/npm-shrinkwrap.json, true",
    "node_modules/.package-lock.json, false",
    "app/node_modules/.package-lock.json, false",
    "app/node_modules/some-lib/package-lock.json, false",
    "node_modules/some-lib/npm-shrinkwrap.json, false",
    "app/my_node_modules/package-lock.json, true",
    "app/package-lock.json.bak, false",
    "app/yarn.lock, false"
  })
  void wantsLockFilesOutsideNodeModules(String path, boolean wanted) {
    assertThat(analyzer.wants(path, 100)).isEqualTo(wanted);
  }
}
