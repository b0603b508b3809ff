package dev.bulwark.scanner.analyzer.rust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.scanner.analyzer.AnalysisResult;
import dev.bulwark.scanner.analyzer.InMemoryFile;
import dev.bulwark.scanner.analyzer.elf.ElfBuilder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;

class CargoAuditableAnalyzerTest {
  private final CargoAuditableAnalyzer analyzer = new CargoAuditableAnalyzer();

  @Test
  void reportsRuntimeCratesFromCratesIo() throws Exception {
    String json =
        """
        {"packages": [
          {"name": "my-tool", "version": "0.1.0", "source": "local", "root": true,
           "dependencies": [1, 2, 3]},
          {"name": "serde", "version": "1.0.197", "source": "crates.io"},
          {"name": "cc", "version": "1.0.90", "source": "crates.io", "kind": "build"},
          {"name": "private-crate", "version": "2.0.0", "source": "git"}
        ]}
        """;
    byte[] binary = new ElfBuilder().section(".dep-v0", zlib(json)).build();

    AnalysisResult result = new InMemoryFile("usr/local/bin/my-tool", binary).analyzeWith(analyzer);

    assertThat(result.packages())
        .singleElement()
        .satisfies(found -> {
          assertThat(found.name()).isEqualTo("serde");
          assertThat(found.purl().toString()).isEqualTo("pkg:cargo/serde@1.0.197");
        });
  }

  @Test
  void corruptCompressedDataIsANote() {
    byte[] binary =
        new ElfBuilder().section(".dep-v0", "not zlib".getBytes(StandardCharsets.US_ASCII)).build();

    AnalysisResult result = new InMemoryFile("usr/local/bin/x", binary).analyzeWith(analyzer);

    assertThat(result.packages()).isEmpty();
    assertThat(result.notes()).singleElement().extracting("reason").asString().contains("zlib");
  }

  @Test
  void binaryWithoutTheSectionIsSilentlyIgnored() {
    byte[] binary = new ElfBuilder().section(".text", new byte[16]).build();

    AnalysisResult result = new InMemoryFile("usr/local/bin/x", binary).analyzeWith(analyzer);

    assertThat(result.packages()).isEmpty();
    assertThat(result.notes()).isEmpty();
  }

  private static byte[] zlib(String text) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream deflater =
        new DeflaterOutputStream(out, new Deflater(Deflater.BEST_COMPRESSION))) {
      deflater.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }
}
