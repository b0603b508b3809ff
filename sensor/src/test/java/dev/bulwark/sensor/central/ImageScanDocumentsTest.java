package dev.bulwark.sensor.central;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.image.ImageData;
import dev.bulwark.core.json.StrictJson.MalformedJsonException;
import dev.bulwark.sensor.images.ImageKey;
import dev.bulwark.sensor.testing.ImageFixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class ImageScanDocumentsTest {
  private static final ImageKey WEB = new ImageKey("shop/web:1.0", "sha256:" + "a".repeat(64));
  private static final ImageKey API = new ImageKey("shop/api:2.0", null);

  @Test
  void whatIsWrittenReadsBackEqualWithWhatImagesShareHeldOnce() throws Exception {
    Map<ImageKey, ImageData> images = new LinkedHashMap<>();
    images.put(WEB, ImageFixtures.withFixableVulnerability());
    images.put(API, ImageFixtures.withFixableVulnerability());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageScanDocuments.write(out, images);

    Map<ImageKey, ImageData> read =
        new ImageScanDocuments().read(new ByteArrayInputStream(out.toByteArray()));

    assertThat(read).isEqualTo(images);
    ImageData web = Objects.requireNonNull(read.get(WEB));
    ImageData api = Objects.requireNonNull(read.get(API));
    assertThat(api.components().getFirst()).isSameAs(web.components().getFirst());
    assertThat(api.vulnerabilities().getFirst()).isSameAs(web.vulnerabilities().getFirst());
    assertThat(web.vulnerabilities().getFirst().component()).isSameAs(web.components().getFirst());
  }

  @Test
  void aDocumentWithoutItsImagesOrWithABadImageDoesNotRead() {
    for (String document :
        List.of(
            "[]",
            "{}",
            "{\"images\": {}}",
            "{\"images\": [{\"name\": \"x\", \"digest\": null, \"data\": {}}]}",
            "{\"images\": [{\"digest\": null, \"data\": {}}]}",
            "{\"images\": [")) {
      assertThatThrownBy(() ->
              new ImageScanDocuments()
                  .read(new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8))))
          .as(document)
          .isInstanceOfAny(MalformedJsonException.class, java.io.IOException.class);
    }
  }
}
