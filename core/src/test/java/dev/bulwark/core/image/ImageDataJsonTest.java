package dev.bulwark.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.json.StrictJson.MalformedJsonException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageDataJsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant PUBLISHED = Instant.parse("2024-02-01T10:00:00Z");

  static ImageData scanned() {
    ImageComponent openssl = new ImageComponent("openssl", "3.0.11-1~deb12u1");
    return new ImageData(
        true,
        "debian:12",
        "1000",
        Map.of("maintainer", "team"),
        List.of(openssl, new ImageComponent("zlib", "1.2.13")),
        List.of(
            new ImageVulnerability(
                "CVE-2024-0727",
                openssl,
                5.5,
                5.5,
                VulnerabilitySeverity.MODERATE,
                "3.0.13-1~deb12u1",
                PUBLISHED,
                PUBLISHED.plusSeconds(3600),
                null,
                PUBLISHED.plusSeconds(7200))),
        List.of(new DockerfileLine("USER", "1000")),
        Instant.parse("2024-01-01T00:00:00Z"),
        Instant.parse("2024-03-01T00:00:00Z"),
        List.of("cosign"),
        Map.of(ImageFields.NVD_CVSS, "the vulnerability data carries no NVD scores"));
  }

  @Test
  void whatIsWrittenReadsBackEqual() throws Exception {
    ImageData data = scanned();
    ObjectNode json = MAPPER.createObjectNode();
    ImageDataJson.write(json, data);

    assertThat(ImageDataJson.read(MAPPER.readTree(json.toString()))).isEqualTo(data);
  }

  @Test
  void anUnscannedImageKeepsItsNullsAndReadsBackEqual() throws Exception {
    ImageData data =
        new ImageData(
            false, null, null, Map.of(), List.of(), List.of(), List.of(), null, null, List.of());
    ObjectNode json = MAPPER.createObjectNode();
    ImageDataJson.write(json, data);

    assertThat(json.get("os").isNull()).isTrue();
    assertThat(ImageDataJson.read(json)).isEqualTo(data);
  }

  @Test
  void aMissingOrMistypedFieldIsAnErrorNamingIt() throws Exception {
    ObjectNode json = MAPPER.createObjectNode();
    ImageDataJson.write(json, scanned());
    ObjectNode missing = json.deepCopy();
    missing.remove("components");
    ObjectNode mistyped = json.deepCopy();
    ((ObjectNode) mistyped.withArray("vulnerabilities").get(0)).put("cvss", "high");
    ObjectNode badSeverity = json.deepCopy();
    ((ObjectNode) badSeverity.withArray("vulnerabilities").get(0)).put("severity", "DIRE");

    assertThatThrownBy(() -> ImageDataJson.read(missing))
        .isInstanceOf(MalformedJsonException.class)
        .hasMessageContaining("\"components\" is missing or no array");
    assertThatThrownBy(() -> ImageDataJson.read(mistyped))
        .hasMessageContaining("\"cvss\" is missing or no number");
    assertThatThrownBy(() -> ImageDataJson.read(badSeverity))
        .hasMessageContaining("unknown severity DIRE");
    assertThatThrownBy(() -> ImageDataJson.read(MAPPER.readTree("[]")))
        .hasMessageContaining("no object");
  }

  @Test
  void vulnerabilitiesListedWhileDeclaredUnknownAreRefused() {
    ObjectNode json = MAPPER.createObjectNode();
    ImageDataJson.write(json, scanned());
    json.withObject("unknownFields").put(ImageFields.CVE, "not looked up");

    assertThatThrownBy(() -> ImageDataJson.read(json))
        .isInstanceOf(MalformedJsonException.class)
        .hasMessageContaining("declared unknown");
  }
}
