package dev.bulwark.scanner.analyzer.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.bulwark.scanner.analyzer.Analysis;
import dev.bulwark.scanner.analyzer.AnalysisResult;
import dev.bulwark.scanner.analyzer.Analyzer;
import dev.bulwark.scanner.analyzer.InMemoryFile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every analyzer on content meant to break parsers (random bytes, pathological repetition, ELF and
 * zip magic followed by garbage): no exception escapes (no "analyzer failed" note), no hang.
 */
class HostileContentTest {
  private static final Map<String, String> WANTED_PATH =
      Map.ofEntries(
          Map.entry("os-release", "etc/redhat-release"),
          Map.entry("dpkg", "var/lib/dpkg/status"),
          Map.entry("apk", "lib/apk/db/installed"),
          Map.entry("rpm", "var/lib/rpm/Packages"),
          Map.entry("java-archive", "app/app.jar"),
          Map.entry("npm", "node_modules/x/package.json"),
          Map.entry("npm-lock", "app/package-lock.json"),
          Map.entry("python", "site/x-1.dist-info/METADATA"),
          Map.entry("go-binary", "usr/local/bin/app"),
          Map.entry("cargo-auditable", "usr/local/bin/app"),
          Map.entry("gemspec", "gems/specifications/x-1.gemspec"),
          Map.entry("dotnet-deps", "app/x.deps.json"));

  static Stream<Arguments> analyzersAndHostileContent() {
    List<Arguments> cases = new ArrayList<>();
    for (Analyzer analyzer : Analyzers.all()) {
      for (Map.Entry<String, byte[]> content : hostileContent().entrySet()) {
        cases.add(Arguments.of(analyzer.name(), content.getKey(), content.getValue()));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("analyzersAndHostileContent")
  void neitherThrowsNorHangs(String name, String description, byte[] content) {
    Analyzer analyzer =
        Analyzers.all().stream().filter(each -> each.name().equals(name)).findFirst().orElseThrow();
    InMemoryFile file = new InMemoryFile(WANTED_PATH.getOrDefault(name, "unknown"), content);
    assertThat(analyzer.wants(file.path(), 1 << 20)).as("the test path is one it wants").isTrue();
    AnalysisResult.Collector collector = new AnalysisResult.Collector();

    // Run whatever the size: analyze must cope with files that wants() would have declined.
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> Analysis.run(analyzer, file, collector));

    AnalysisResult result = collector.result();
    assertThat(result.notes()).noneMatch(note -> note.reason().startsWith("analyzer failed"));
  }

  private static Map<String, byte[]> hostileContent() {
    byte[] random = new byte[64 << 10];
    new Random(42).nextBytes(random);
    byte[] elfGarbage = random.clone();
    elfGarbage[0] = 0x7f;
    elfGarbage[1] = 'E';
    elfGarbage[2] = 'L';
    elfGarbage[3] = 'F';
    elfGarbage[4] = 2;
    elfGarbage[5] = 1;
    byte[] zipGarbage = random.clone();
    zipGarbage[0] = 'P';
    zipGarbage[1] = 'K';
    zipGarbage[2] = 3;
    zipGarbage[3] = 4;
    byte[] berkeleyGarbage = random.clone();
    berkeleyGarbage[12] = 0x61;
    berkeleyGarbage[13] = 0x15;
    berkeleyGarbage[14] = 0x06;
    berkeleyGarbage[15] = 0;
    berkeleyGarbage[20] = 0;
    berkeleyGarbage[21] = 2;
    berkeleyGarbage[22] = 0;
    berkeleyGarbage[23] = 0;
    return Map.of(
        "empty content",
        new byte[0],
        "random bytes",
        random,
        "ELF magic then garbage",
        elfGarbage,
        "zip magic then garbage",
        zipGarbage,
        "Berkeley DB magic then garbage",
        berkeleyGarbage,
        "one long line of spaces",
        ascii(" ".repeat(60_000) + "release 1"),
        "many blank lines",
        ascii("\n".repeat(60_000) + "s.name = 1"),
        "deep brackets",
        ascii("[".repeat(60_000)),
        "many colons",
        ascii("A:".repeat(30_000)));
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
