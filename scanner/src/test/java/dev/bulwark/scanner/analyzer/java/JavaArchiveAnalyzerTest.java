package dev.bulwark.scanner.analyzer.java;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.scanner.analyzer.AnalysisResult;
import dev.bulwark.scanner.analyzer.InMemoryFile;
import dev.bulwark.scanner.analyzer.Package;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class JavaArchiveAnalyzerTest {
  private final JavaArchiveAnalyzer analyzer = new JavaArchiveAnalyzer();

  @Test
  void readsPomPropertiesOfAPlainJar() throws IOException {
    byte[] jar =
        zip(Map.of(pom("org.slf4j", "slf4j-api"), properties("org.slf4j", "slf4j-api", "2.0.13")));

    AnalysisResult result =
        new InMemoryFile("opt/app/slf4j-api-2.0.13.jar", jar).analyzeWith(analyzer);

    assertThat(result.packages())
        .singleElement()
        .satisfies(found -> {
          assertThat(found.name()).isEqualTo("org.slf4j:slf4j-api");
          assertThat(found.version()).isEqualTo("2.0.13");
          assertThat(found.purl().toString()).isEqualTo("pkg:maven/org.slf4j/slf4j-api@2.0.13");
        });
  }

  @Test
  void readsNestedJarsOfASpringBootFatJar() throws IOException {
    byte[] library =
        zip(
            Map.of(
                pom("com.fasterxml.jackson.core", "jackson-databind"),
                properties("com.fasterxml.jackson.core", "jackson-databind", "2.17.0")));
    byte[] manifestOnly =
        zip(
            Map.of(
                "META-INF/MANIFEST.MF",
                """
                Manifest-Version: 1.0
                Implementation-Vendor-Id: org.yaml
                Implementation-Version: 2.2
                """
                    .getBytes(StandardCharsets.UTF_8)));
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put(pom("com.example", "shop"), properties("com.example", "shop", "1.0.0"));
    entries.put("BOOT-INF/lib/jackson-databind-2.17.0.jar", library);
    entries.put("BOOT-INF/lib/snakeyaml-2.2.jar", manifestOnly);
    byte[] fatJar = zipStoringJars(entries);

    AnalysisResult result = new InMemoryFile("app/shop.jar", fatJar).analyzeWith(analyzer);

    assertThat(result.packages())
        .extracting(Package::name, Package::version, Package::path)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("com.example:shop", "1.0.0", "app/shop.jar"),
            org.assertj.core.groups.Tuple.tuple(
                "com.fasterxml.jackson.core:jackson-databind",
                "2.17.0",
                "app/shop.jar!/BOOT-INF/lib/jackson-databind-2.17.0.jar"),
            org.assertj.core.groups.Tuple.tuple(
                "org.yaml:snakeyaml", "2.2", "app/shop.jar!/BOOT-INF/lib/snakeyaml-2.2.jar"));
  }

  @Test
  void manifestWithOsgiSymbolicNameGivesCoordinates() {
    java.util.jar.Attributes attributes = new java.util.jar.Attributes();
    attributes.putValue("Bundle-SymbolicName", "com.google.guava.failureaccess;singleton:=true");
    attributes.putValue("Bundle-Version", "1.0.2");

    JavaArchiveReader.Coordinates coordinates =
        JavaArchiveReader.fromManifest(attributes, "lib/failureaccess-1.0.2.jar");

    assertThat(coordinates)
        .isEqualTo(new JavaArchiveReader.Coordinates("com.google.guava", "failureaccess", "1.0.2"));
  }

  @Test
  void nestingBeyondTheDepthLimitIsANote() throws IOException {
    byte[] archive = zip(Map.of(pom("g", "innermost"), properties("g", "innermost", "1")));
    for (int level = 0; level < JavaArchiveReader.MAXIMUM_DEPTH + 1; level++) {
      archive = zip(Map.of("lib/level" + level + ".jar", archive));
    }

    AnalysisResult result = new InMemoryFile("deep.jar", archive).analyzeWith(analyzer);

    assertThat(result.packages()).isEmpty();
    assertThat(result.notes()).anyMatch(note -> note.reason().contains("nested deeper than"));
  }

  @Test
  void archiveInflatingBeyondTheBudgetStopsWithANote() throws IOException {
    byte[] bomb = zip(Map.of("zeros.bin", new byte[8 << 20]));
    AnalysisResult.Collector collector = new AnalysisResult.Collector();

    try {
      new JavaArchiveReader("java-archive", collector, 1 << 20)
          .read(new ByteArrayInputStream(bomb), "bomb.jar");
    } catch (dev.bulwark.scanner.analyzer.MalformedContentException e) {
      collector.note(new dev.bulwark.scanner.analyzer.Note("java-archive", "bomb.jar", e.reason()));
    }

    assertThat(collector.result().notes())
        .singleElement()
        .extracting("reason")
        .asString()
        .contains("inflates to more than 1048576 bytes");
  }

  @Test
  void notAZipGivesNoPackages() {
    AnalysisResult result =
        InMemoryFile.text("broken.jar", "this is not a zip archive").analyzeWith(analyzer);

    assertThat(result.packages()).isEmpty();
    assertThat(result.notes()).hasSize(1);
  }

  private static String pom(String group, String artifact) {
    return "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
  }

  private static byte[] properties(String group, String artifact, String version) {
    return ("#Generated by Maven\ngroupId="
            + group
            + "\nartifactId="
            + artifact
            + "\nversion="
            + version
            + "\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] zip(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        zip.write(entry.getValue());
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  /** As Spring Boot packs them: nested jars stored, not deflated. */
  private static byte[] zipStoringJars(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        ZipEntry zipEntry = new ZipEntry(entry.getKey());
        if (entry.getKey().endsWith(".jar")) {
          CRC32 crc = new CRC32();
          crc.update(entry.getValue());
          zipEntry.setMethod(ZipEntry.STORED);
          zipEntry.setSize(entry.getValue().length);
          zipEntry.setCompressedSize(entry.getValue().length);
          zipEntry.setCrc(crc.getValue());
        }
        zip.putNextEntry(zipEntry);
        zip.write(entry.getValue());
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }
}
