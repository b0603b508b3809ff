package dev.bulwark.scanner.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.scanner.analyzer.registry.Analyzers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalysisTest {
  @Test
  void anAnalyzerBugBecomesANoteInsteadOfEndingTheScan() {
    Analyzer buggy =
        new Analyzer() {
          @Override
          public String name() {
            return "buggy";
          }

          @Override
          public int version() {
            return 1;
          }

          @Override
          public boolean wants(String path, long size) {
            return true;
          }

          @Override
          public void analyze(AnalyzedFile file, AnalysisSink sink) {
            throw new ArrayIndexOutOfBoundsException("index 7");
          }
        };
    AnalysisResult.Collector collector = new AnalysisResult.Collector();

    Analysis.run(java.util.List.of(buggy), InMemoryFile.text("a", "b"), collector);

    assertThat(collector.result().notes())
        .singleElement()
        .satisfies(note -> {
          assertThat(note.analyzer()).isEqualTo("buggy");
          assertThat(note.reason()).startsWith("analyzer failed").contains("index 7");
        });
  }

  @Test
  void analyzesADirectoryTreeWithEveryAnalyzer(@TempDir Path root) throws IOException {
    write(root, "etc/os-release", "ID=alpine\nVERSION_ID=3.19.1\nPRETTY_NAME=\"Alpine\"\n");
    write(root, "lib/apk/db/installed", "P:musl\nV:1.2.4-r2\nA:x86_64\n\n");
    write(
        root,
        "usr/lib/python3.11/site-packages/idna-3.6.dist-info/METADATA",
        "Name: idna\nVersion: 3.6\n");
    write(root, "app/node_modules/ms/package.json", "{\"name\":\"ms\",\"version\":\"2.1.3\"}");
    Files.createSymbolicLink(root.resolve("etc/alias"), root.resolve("etc/os-release"));

    AnalysisResult result = FileTreeAnalysis.analyze(root, Analyzers.all());

    assertThat(result.os()).map(OsRelease::id).contains("alpine");
    assertThat(result.attributedPackages())
        .extracting(found -> found.purl().toString())
        .containsExactlyInAnyOrder(
            "pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64&distro=alpine-3.19.1",
            "pkg:pypi/idna@3.6",
            "pkg:npm/ms@2.1.3");
    assertThat(result.packages())
        .filteredOn(found -> found.name().equals("idna"))
        .extracting(Package::path)
        .containsExactly("usr/lib/python3.11/site-packages/idna-3.6.dist-info/METADATA");
    assertThat(result.notes()).isEmpty();
  }

  private static void write(Path root, String relative, String content) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }
}
