package dev.bulwark.scanner.analyzer.rust;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.scanner.analyzer.AnalysisSink;
import dev.bulwark.scanner.analyzer.AnalyzedFile;
import dev.bulwark.scanner.analyzer.Analyzer;
import dev.bulwark.scanner.analyzer.Ecosystem;
import dev.bulwark.scanner.analyzer.Json;
import dev.bulwark.scanner.analyzer.MalformedContentException;
import dev.bulwark.scanner.analyzer.Package;
import dev.bulwark.scanner.analyzer.PackageUrl;
import dev.bulwark.scanner.analyzer.elf.ElfFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Crates compiled into Rust ELF binaries built with cargo-auditable, which embeds the dependency
 * list as zlib-compressed JSON in the {@code .dep-v0} section. Crates from crates.io are reported;
 * build-time dependencies ({@code "kind": "build"}) are not in the binary, and local, git and other
 * registries' crates have no crates.io advisories.
 */
public final class CargoAuditableAnalyzer implements Analyzer {
  private static final int MAXIMUM_COMPRESSED_BYTES = 4 << 20;
  private static final int MAXIMUM_JSON_BYTES = 16 << 20;

  @Override
  public String name() {
    return "cargo-auditable";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public boolean wants(String path, long size) {
    return ElfFile.isCandidate(path, size);
  }

  @Override
  public void analyze(AnalyzedFile file, AnalysisSink sink) throws IOException {
    Optional<byte[]> section = ElfFile.readSection(file, ".dep-v0", MAXIMUM_COMPRESSED_BYTES);
    if (section.isEmpty()) {
      return;
    }
    JsonNode packages = Json.parse(inflate(section.get())).path("packages");
    if (!packages.isArray()) {
      throw new MalformedContentException("cargo-auditable data has no packages array");
    }
    for (JsonNode crate : packages) {
      String name = Json.text(crate, "name");
      String version = Json.text(crate, "version");
      if (name.isEmpty()
          || version.isEmpty()
          || !Json.text(crate, "source").equals("crates.io")
          || Json.text(crate, "kind").equals("build")) {
        continue;
      }
      sink.found(
          Package.library(
              name,
              version,
              Ecosystem.CRATES_IO,
              PackageUrl.of("cargo", null, name, version),
              file.path()));
    }
  }

  static byte[] inflate(byte[] compressed) throws MalformedContentException {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(compressed);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[64 << 10];
      while (!inflater.finished()) {
        int inflated = inflater.inflate(buffer);
        if (inflated == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new MalformedContentException("cargo-auditable data is truncated");
        }
        out.write(buffer, 0, inflated);
        if (out.size() > MAXIMUM_JSON_BYTES) {
          throw new MalformedContentException(
              "cargo-auditable data inflates to more than " + MAXIMUM_JSON_BYTES + " bytes");
        }
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw new MalformedContentException("cargo-auditable data is not zlib: " + e.getMessage());
    } finally {
      inflater.end();
    }
  }
}
