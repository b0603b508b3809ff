package dev.bulwark.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Validation of documents against the official output schemas kept with the conformance data
 * (CycloneDX 1.6, SPDX 2.3, SARIF 2.1.0), with format assertions on. Missing schemas fail on CI and
 * skip elsewhere ({@link Conformance}).
 */
final class OutputSchemas {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private OutputSchemas() {}

  /** The violations of a CycloneDX 1.6 JSON document; empty when it is valid. */
  static Set<ValidationMessage> cycloneDx16(String document) throws IOException {
    return validate(
        document,
        Conformance.path("output-schemas/cyclonedx/schema/bom-1.6.schema.json"),
        SpecVersion.VersionFlag.V7);
  }

  /** The violations of an SPDX 2.3 JSON document; empty when it is valid. */
  static Set<ValidationMessage> spdx23(String document) throws IOException {
    return validate(
        document,
        Conformance.path("output-schemas/spdx/spdx-schema-2.3.json"),
        SpecVersion.VersionFlag.V201909);
  }

  /** The violations of a SARIF 2.1.0 log; empty when it is valid. */
  static Set<ValidationMessage> sarif210(String document) throws IOException {
    return validate(
        document,
        Conformance.path("output-schemas/sarif/sarif-2.1/schema/sarif-schema-2.1.0.json"),
        SpecVersion.VersionFlag.V7);
  }

  // The CycloneDX schema refers to its siblings (spdx.schema.json, jsf) by their $id URLs.
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
}
