package dev.bulwark.cli;

import static dev.bulwark.cli.CheckCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.bulwark.cli.CheckCommandTest.Run;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bulwark sbom}: both formats validate against the official schemas. */
class SbomCommandTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path directory;

  private Run sbom(String format) throws IOException {
    Path root = ImageScanCommandTest.rootfs(directory);
    return run(
        "sbom", "dir:" + root, "-o", format, "--cache-dir", directory.resolve("cache").toString());
  }

  private static Set<ValidationMessage> validate(
      String document, Path schemaFile, SpecVersion.VersionFlag version) throws IOException {
    String schemaDirectory = schemaFile.toAbsolutePath().resolveSibling("").toUri().toString();
    JsonSchemaFactory factory =
        JsonSchemaFactory.getInstance(
            version,
            builder ->
                builder.schemaMappers(
                    mappers -> mappers.mapPrefix("http://cyclonedx.org/schema/", schemaDirectory)));
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    try (InputStream in = Files.newInputStream(schemaFile)) {
      JsonSchema schema = factory.getSchema(in, config);
      return schema.validate(MAPPER.readTree(document));
    }
  }

  @Test
  void cycloneDxIsValidVersion16WithEveryPackage() throws IOException {
    Path schema = Conformance.path("output-schemas/cyclonedx/schema/bom-1.6.schema.json");

    Run run = sbom("cyclonedx");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(validate(run.out(), schema, SpecVersion.VersionFlag.V7)).isEmpty();
    JsonNode bom = MAPPER.readTree(run.out());
    assertThat(bom.path("specVersion").asText()).isEqualTo("1.6");
    assertThat(bom.path("metadata").path("component").path("type").asText()).isEqualTo("container");
    assertThat(bom.path("components"))
        .extracting(component -> component.path("name").asText())
        .containsExactly("debian", "bash", "six", "zlib1g");
    JsonNode zlib = bom.path("components").get(3);
    assertThat(zlib.path("purl").asText()).startsWith("pkg:deb/debian/zlib1g@");
    assertThat(zlib.path("properties"))
        .extracting(property -> property.path("name").asText())
        .contains("bulwark:layer", "bulwark:path", "bulwark:sourceName");
  }

  @Test
  void cycloneDxSchemaValidationCatchesABrokenDocument() throws IOException {
    Path schema = Conformance.path("output-schemas/cyclonedx/schema/bom-1.6.schema.json");
    String broken = sbom("cyclonedx").out().replace("\"library\"", "\"libary\"");

    assertThat(validate(broken, schema, SpecVersion.VersionFlag.V7)).isNotEmpty();
  }

  @Test
  void spdxIsValidVersion23WithEveryPackageContainedInTheImage() throws IOException {
    Path schema = Conformance.path("output-schemas/spdx/spdx-schema-2.3.json");

    Run run = sbom("spdx");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(validate(run.out(), schema, SpecVersion.VersionFlag.V201909)).isEmpty();
    JsonNode document = MAPPER.readTree(run.out());
    assertThat(document.path("spdxVersion").asText()).isEqualTo("SPDX-2.3");
    assertThat(document.path("packages"))
        .extracting(item -> item.path("name").asText())
        .endsWith("debian", "bash", "six", "zlib1g");
    assertThat(document.path("relationships"))
        .filteredOn(relation -> relation.path("relationshipType").asText().equals("CONTAINS"))
        .hasSize(4);
    assertThat(document.path("packages").get(4).at("/externalRefs/0/referenceLocator").asText())
        .startsWith("pkg:deb/debian/zlib1g@");
  }

  @Test
  void spdxSchemaValidationCatchesABrokenDocument() throws IOException {
    Path schema = Conformance.path("output-schemas/spdx/spdx-schema-2.3.json");
    String broken = sbom("spdx").out().replace("\"LIBRARY\"", "\"LIBRARIES\"");

    assertThat(validate(broken, schema, SpecVersion.VersionFlag.V201909)).isNotEmpty();
  }

  @Test
  void anUnknownFormatIsAUsageError() throws IOException {
    Run run = sbom("swid");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("use cyclonedx or spdx");
  }
}
