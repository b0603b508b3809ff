package dev.bulwark.central.images;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.central.api.ApiFeature;
import dev.bulwark.central.api.Json;
import dev.bulwark.central.api.Requests;
import dev.bulwark.central.api.RouteGroup;
import dev.bulwark.central.api.Routes;
import dev.bulwark.central.api.Validation;
import dev.bulwark.central.auth.Permission;
import dev.bulwark.core.image.ImageData;
import dev.bulwark.core.image.ImageDataJson;
import dev.bulwark.core.image.RunningImages;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What central's scans know of the images a cluster runs, for its sensor to evaluate image policies
 * with the same data central does: each image asked for by the digest it is judged by (else its
 * name) and answered with its image data when a scan of it succeeded and a deployment of the
 * cluster uses it. Only the cluster's own sensor token may call it.
 */
public final class ClusterImageApi implements ApiFeature {
  /** At most this many images per request: an image's data can be a few hundred kilobytes. */
  static final int MAX_IMAGES = 100;

  private static final int MAX_NAME_LENGTH = 1024;

  private final ImageScanStore scans;

  public ClusterImageApi(ImageScanStore scans) {
    this.scans = scans;
  }

  record ImageQuery(@Nullable List<@Nullable AskedImage> images) {}

  record AskedImage(@Nullable String name, @Nullable String digest) {}

  private record Wanted(String name, @Nullable String digest) {
    String key() {
      return digest != null ? ImageKeys.digest(digest) : ImageKeys.name(name);
    }
  }

  @Override
  public void register(Routes routes) {
    RouteGroup group =
        routes.group(
            "Cluster images",
            "The scan data of the images a cluster runs, for its sensor's own evaluation.");
    group
        .schema(
            "ClusterImageQuery",
            """
            {
              "type": "object",
              "required": ["images"],
              "additionalProperties": false,
              "properties": {
                "images": {
                  "type": "array",
                  "minItems": 1,
                  "maxItems": 100,
                  "items": {
                    "type": "object",
                    "required": ["name"],
                    "additionalProperties": false,
                    "properties": {
                      "name": {"type": "string", "description": "The image's full name, as a container names it."},
                      "digest": {"type": ["string", "null"], "pattern": "^[a-z0-9]+:[a-f0-9]{32,128}$",
                        "description": "The digest the container is judged by: the first its pods run, else the one its reference pins; null for none."}
                    }
                  }
                }
              }
            }
            """)
        .schema(
            "ClusterImageData",
            """
            {
              "type": "object",
              "required": ["images"],
              "properties": {
                "images": {
                  "type": "array",
                  "description": "The images asked for that have a successful scan and that a deployment of the cluster uses; the others are left out.",
                  "items": {
                    "type": "object",
                    "required": ["name", "digest", "data"],
                    "properties": {
                      "name": {"type": "string"},
                      "digest": {"type": ["string", "null"]},
                      "data": {"type": "object", "description": "The image's metadata, components and vulnerabilities, every field present (null where unknown), and unknownFields naming what the scan could not tell."}
                    }
                  }
                }
              }
            }
            """);
    group
        .post("/v1/clusters/{id}/images/scans", Permission.SENSOR_REPORT, this::scans)
        .operation("getClusterImageScans", "The scan data of images the cluster runs")
        .description(
            "An image with a digest is looked up by the digest, else by its name (a tag), as"
                + " central's own evaluation does. An image not scanned yet, whose scans failed,"
                + " or that no deployment of the cluster uses, is left out of the answer; ask"
                + " again later.")
        .pathId("id", "The cluster's id.")
        .body("ClusterImageQuery")
        .returns(200, "ClusterImageData", "What is known of the images.");
  }

  private void scans(Context ctx) throws IOException {
    UUID cluster = Requests.uuid(ctx, "id");
    Requests.principal(ctx).requireCluster(cluster);
    Map<String, Wanted> asked = asked(Json.read(ctx, ImageQuery.class));
    Map<String, ImageData> found = scans.dataInCluster(cluster, asked.keySet());
    // Written an image at a time: the answer as one tree would be several times its size.
    ctx.contentType("application/json");
    try (JsonGenerator generator = Json.MAPPER.createGenerator(ctx.outputStream())) {
      generator.writeStartObject();
      generator.writeArrayFieldStart("images");
      for (Map.Entry<String, Wanted> image : asked.entrySet()) {
        ImageData data = found.get(image.getKey());
        if (data != null) {
          ObjectNode entry = Json.MAPPER.createObjectNode();
          entry.put("name", image.getValue().name()).put("digest", image.getValue().digest());
          ImageDataJson.write(entry.putObject("data"), data);
          Json.MAPPER.writeTree(generator, entry);
        }
      }
      generator.writeEndArray();
      generator.writeEndObject();
    }
  }

  /** The images asked for, by the key central stores their scans under. */
  private static Map<String, Wanted> asked(ImageQuery query) {
    Validation validation = new Validation();
    List<@Nullable AskedImage> images = query.images();
    validation.require(
        images != null && !images.isEmpty() && images.size() <= MAX_IMAGES,
        "/images",
        "must list 1 to " + MAX_IMAGES + " images");
    List<Wanted> valid = new ArrayList<>();
    for (int index = 0; images != null && index < images.size(); index++) {
      AskedImage image = images.get(index);
      String at = "/images/" + index;
      if (image == null) {
        validation.require(false, at, "must be an object");
        continue;
      }
      String name = validation.name(at + "/name", image.name(), MAX_NAME_LENGTH);
      String digest = image.digest();
      validation.require(
          digest == null || digest.equals(RunningImages.digest(digest)),
          at + "/digest",
          "must be a digest such as sha256:<64 hex digits>");
      valid.add(new Wanted(name, digest));
    }
    validation.done();
    Map<String, Wanted> byKey = new LinkedHashMap<>();
    valid.forEach(image -> byKey.putIfAbsent(image.key(), image));
    return byKey;
  }
}
