package dev.bulwark.scanner.analyzer.golang;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.scanner.analyzer.AnalysisResult;
import dev.bulwark.scanner.analyzer.InMemoryFile;
import dev.bulwark.scanner.analyzer.MalformedContentException;
import dev.bulwark.scanner.analyzer.Package;
import dev.bulwark.scanner.analyzer.elf.ElfBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoBinaryAnalyzerTest {
  private final GoBinaryAnalyzer analyzer = new GoBinaryAnalyzer();

  @Test
  void readsABinaryBuiltByTheGoToolchain(@TempDir Path work) throws Exception {
    Path go = goToolchain().orElse(null);
    Assumptions.assumeTrue(go != null, "the go toolchain is not installed");
    write(
        work,
        "go.mod",
        "module example.com/hello\n\ngo 1.21\n\nrequire example.com/greet v0.1.0\n\n"
            + "replace example.com/greet => ./greet\n");
    write(
        work,
        "main.go",
        "package main\n\nimport \"example.com/greet\"\n\nfunc main() { greet.Hello() }\n");
    write(work, "greet/go.mod", "module example.com/greet\n\ngo 1.21\n");
    write(
        work,
        "greet/greet.go",
        "package greet\n\nimport \"os\"\n\nfunc Hello() { os.Stdout.WriteString(\"hello\\n\") }\n");
    String goVersion = run(work, go.toString(), "env", "GOVERSION").strip();
    run(work, go.toString(), "build", "-buildvcs=false", "-o", "hello", ".");

    AnalysisResult result =
        InMemoryFile.of(work.resolve("hello"), "usr/local/bin/hello").analyzeWith(analyzer);

    assertThat(result.packages())
        .extracting(Package::name, Package::version)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("stdlib", "v" + goVersion.substring(2)));
    assertThat(result.notes())
        .singleElement()
        .extracting("reason")
        .asString()
        .contains("example.com/greet is replaced by the local folder ./greet");
  }

  @Test
  void decodesInlineBuildInformationWithReplacements() throws Exception {
    String modules =
        "path\texample.com/app\n"
            + "mod\texample.com/app\tv1.4.0\th1:abc=\n"
            + "dep\tgolang.org/x/net\tv0.17.0\th1:def=\n"
            + "dep\tgithub.com/old/yaml\tv1.0.0\t\n"
            + "=>\tgithub.com/new/yaml\tv1.0.1\th1:ghi=\n"
            + "build\t-compiler=gc\n";
    byte[] section = buildInfo("go1.22.1", framed(modules));
    byte[] binary = new ElfBuilder().section(".go.buildinfo", section).build();

    AnalysisResult result = new InMemoryFile("app/server", binary).analyzeWith(analyzer);

    assertThat(result.packages())
        .extracting(found -> found.purl().toString())
        .containsExactly(
            "pkg:golang/stdlib@v1.22.1",
            "pkg:golang/example.com/app@v1.4.0",
            "pkg:golang/golang.org/x/net@v0.17.0",
            "pkg:golang/github.com/new/yaml@v1.0.1");
    assertThat(result.packages().get(2).name()).isEqualTo("golang.org/x/net");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "go1.21.5, v1.21.5",
    "go1.20, v1.20.0",
    "go1.22.1 X:boringcrypto, v1.22.1",
    "go1.23rc1, ",
    "devel go1.24-abcdef, "
  })
  void standardLibraryVersionIsTheReleaseOrANote(String goVersion, @Nullable String expected) {
    byte[] binary =
        new ElfBuilder()
            .section(".go.buildinfo", buildInfo(goVersion, framed("path\tx\n")))
            .build();

    AnalysisResult result = new InMemoryFile("app/server", binary).analyzeWith(analyzer);

    if (expected == null) {
      assertThat(result.packages()).isEmpty();
      assertThat(result.notes())
          .singleElement()
          .extracting("reason")
          .asString()
          .contains("is not a release");
    } else {
      assertThat(result.packages()).extracting(Package::version).containsExactly(expected);
    }
  }

  @Test
  void truncatedBuildInformationIsMalformed() {
    byte[] section = buildInfo("go1.22.1", "x".repeat(10));
    byte[] truncated = java.util.Arrays.copyOf(section, section.length - 5);

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> GoBuildInfo.decode(truncated))
        .isInstanceOf(MalformedContentException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void pointerFormatOfOldGoVersionsIsANote() {
    byte[] section = buildInfo("go1.17", "");
    section[15] = 0;
    byte[] binary = new ElfBuilder().section(".go.buildinfo", section).build();

    AnalysisResult result = new InMemoryFile("app/old", binary).analyzeWith(analyzer);

    assertThat(result.notes())
        .singleElement()
        .extracting("reason")
        .asString()
        .contains("before Go 1.18");
  }

  private static String framed(String modules) {
    return "0123456789abcdef" + modules + "fedcba9876543210";
  }

  private static byte[] buildInfo(String version, String modules) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.writeBytes("\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1));
    out.write(8);
    out.write(2);
    out.writeBytes(new byte[16]);
    for (String text : new String[] {version, modules}) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      int length = bytes.length;
      while (length >= 0x80) {
        out.write((length & 0x7f) | 0x80);
        length >>>= 7;
      }
      out.write(length);
      out.writeBytes(bytes);
    }
    return out.toByteArray();
  }

  private static Optional<Path> goToolchain() {
    return Stream.concat(
            Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .map(folder -> Path.of(folder, "go")),
            Stream.of(Path.of("/usr/local/go/bin/go")))
        .filter(Files::isExecutable)
        .findFirst();
  }

  private static void write(Path root, String file, String content) throws IOException {
    Path path = root.resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, content);
  }

  private static String run(Path directory, String... command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
    builder.redirectErrorStream(true);
    Map<String, String> environment = builder.environment();
    environment.put("GOFLAGS", "-mod=mod");
    environment.put("GOPROXY", "off");
    environment.put("GOTOOLCHAIN", "local");
    environment.put("CGO_ENABLED", "0");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as("%s: %s", String.join(" ", command), output).isZero();
    return output;
  }
}
