package dev.bulwark.scanner.image.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.scanner.image.Image;
import dev.bulwark.scanner.image.ImageException;
import dev.bulwark.scanner.image.Layer;
import dev.bulwark.scanner.image.Platform;
import dev.bulwark.scanner.image.ReadLimits;
import dev.bulwark.scanner.image.TestArchives;
import dev.bulwark.scanner.image.layer.FlattenedFilesystem;
import dev.bulwark.scanner.image.layer.LayerReader;
import dev.bulwark.scanner.image.registry.RegistryCredentials;
import dev.bulwark.testsupport.registry.ImageFixtures;
import dev.bulwark.testsupport.registry.LocalRegistries;
import dev.bulwark.testsupport.registry.LocalRegistry;
import dev.bulwark.testsupport.registry.RealRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Images built with umoci, pushed with skopeo to real registries, then opened every way. */
@RealRegistry
class RegistryImagesIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ImageOptions INSECURE =
      ImageOptions.defaults().withInsecure(true).withLimits(ReadLimits.DEFAULTS);

  @TempDir static Path directory;
  private static Path layout;
  private static String anonymousApp;
  private static String anonymousMulti;
  private static String privateApp;

  @BeforeAll
  static void buildAndPush(ImageFixtures fixtures, LocalRegistries registries) throws Exception {
    Path rootfs = Files.createDirectories(directory.resolve("rootfs/etc"));
    Files.writeString(rootfs.resolve("os-release"), "ID=fixture\nVERSION_ID=1\n");
    Files.createSymbolicLink(rootfs.resolve("alias"), Path.of("/etc/os-release"));
    layout = directory.resolve("layout");
    fixtures.build(directory.resolve("rootfs"), layout, "amd64", "amd64", "app");
    fixtures.build(directory.resolve("rootfs"), layout, "arm64", "arm64", "");
    addMultiArchIndex(layout);
    LocalRegistry anonymous = registries.anonymous();
    anonymousApp = anonymous.push(layout, "amd64", "demo/app:1.0");
    anonymousMulti = anonymous.push(layout, "multi", "demo/multi:1.0");
    privateApp = registries.basicAuth().push(layout, "amd64", "private/app:1.0");
  }

  /** Tags an index of the two single-platform images as "multi" in the layout. */
  private static void addMultiArchIndex(Path layout) throws Exception {
    ObjectNode index = (ObjectNode) JSON.readTree(layout.resolve("index.json").toFile());
    ArrayNode entries = (ArrayNode) index.get("manifests");
    ArrayNode platforms = JSON.createArrayNode();
    for (var entry : entries) {
      ObjectNode platform = ((ObjectNode) entry.deepCopy());
      String tag = platform.path("annotations").path("org.opencontainers.image.ref.name").asText();
      platform.remove("annotations");
      platform.putObject("platform").put("os", "linux").put("architecture", tag);
      platforms.add(platform);
    }
    ObjectNode multi = JSON.createObjectNode();
    multi.put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.index.v1+json");
    multi.set("manifests", platforms);
    String descriptor =
        TestArchives.blob(
            layout, "application/vnd.oci.image.index.v1+json", JSON.writeValueAsBytes(multi));
    entries.add(JSON.readTree(TestArchives.tagged(descriptor, "multi")));
    JSON.writeValue(layout.resolve("index.json").toFile(), index);
  }

  private static String read(Image image, String path) {
    return new String(
        new FlattenedFilesystem(image, new LayerReader(ReadLimits.DEFAULTS)).read(path),
        StandardCharsets.UTF_8);
  }

  @Test
  void pullsAnonymously() {
    Image image = ImageSource.open(anonymousApp, INSECURE);
    assertThat(image.config().platform()).isEqualTo(Platform.DEFAULT);
    assertThat(image.config().user()).isEqualTo("app");
    assertThat(image.config().labels()).containsEntry("org.example.fixture", "bulwark");
    assertThat(image.config().history())
        .extracting(entry -> entry.dockerfileLine())
        .contains("COPY rootfs / # bulwark fixture");
    assertThat(image.layers()).isNotEmpty().allMatch(layer -> layer.diffId() != null);
    assertThat(read(image, "etc/os-release")).startsWith("ID=fixture");
    assertThat(read(image, "etc/alias")).startsWith("ID=fixture");
  }

  @Test
  void pullsWithBasicAuthAndReportsAWrongPasswordClearly() {
    Image image =
        ImageSource.open(
            privateApp,
            INSECURE.withCredentials(
                new RegistryCredentials(LocalRegistries.USERNAME, LocalRegistries.PASSWORD)));
    assertThat(read(image, "etc/os-release")).startsWith("ID=fixture");

    assertThatThrownBy(() ->
            ImageSource.open(
                privateApp,
                INSECURE.withCredentials(
                    new RegistryCredentials(LocalRegistries.USERNAME, "wrong"))))
        .isInstanceOf(ImageException.class)
        .hasMessageContaining("authentication to registry")
        .hasMessageContaining("HTTP 401");
    ImageOptions noConfig =
        new ImageOptions(
            Platform.DEFAULT, null, directory.resolve("none.json"), true, ReadLimits.DEFAULTS);
    assertThatThrownBy(() -> ImageSource.open(privateApp, noConfig))
        .isInstanceOf(ImageException.class)
        .hasMessageContaining("requires authentication");
  }

  @Test
  void takesCredentialsFromADockerConfig() throws Exception {
    String registry = privateApp.substring(0, privateApp.indexOf('/'));
    String auth =
        Base64.getEncoder()
            .encodeToString(
                (LocalRegistries.USERNAME + ":" + LocalRegistries.PASSWORD)
                    .getBytes(StandardCharsets.UTF_8));
    Path config = directory.resolve("docker-config.json");
    Files.writeString(config, "{\"auths\":{\"" + registry + "\":{\"auth\":\"" + auth + "\"}}}");
    ImageOptions options =
        new ImageOptions(Platform.DEFAULT, null, config, true, ReadLimits.DEFAULTS);
    assertThat(ImageSource.open(privateApp, options).layers()).isNotEmpty();
  }

  @Test
  void choosesThePlatformOfAMultiArchIndex() {
    Image arm =
        ImageSource.open(anonymousMulti, INSECURE.withPlatform(Platform.parse("linux/arm64")));
    assertThat(arm.config().platform().architecture()).isEqualTo("arm64");
    Image amd = ImageSource.open(anonymousMulti, INSECURE);
    assertThat(amd.config().platform().architecture()).isEqualTo("amd64");
    assertThatThrownBy(() ->
            ImageSource.open(
                anonymousMulti, INSECURE.withPlatform(Platform.parse("linux/riscv64"))))
        .isInstanceOf(ImageException.class)
        .hasMessageContaining("available: linux/amd64, linux/arm64");
  }

  @Test
  void pullsByDigest() {
    Image byTag = ImageSource.open(anonymousApp, INSECURE);
    String repository = anonymousApp.substring(0, anonymousApp.lastIndexOf(':'));
    Image byDigest =
        ImageSource.open(
            repository + "@" + Objects.requireNonNull(byTag.manifestDigest()), INSECURE);
    assertThat(byDigest.manifestDigest()).isEqualTo(byTag.manifestDigest());
    assertThat(byDigest.layers())
        .extracting(Layer::digest)
        .isEqualTo(byTag.layers().stream().map(Layer::digest).toList());
  }

  @Test
  void readsTheSameImageFromLayoutOciArchiveAndDockerSaveArchive() throws Exception {
    Image pulled = ImageSource.open(anonymousApp, INSECURE);
    Image fromLayout = ImageSource.open("oci:" + layout + ":amd64", INSECURE);
    Path ociArchive = TestArchives.tar(layout, directory.resolve("oci.tar"));
    Image fromOciArchive = ImageSource.open("oci-archive:" + ociArchive + ":amd64", INSECURE);
    byte[] config =
        Files.readAllBytes(
            layout.resolve(
                "blobs/sha256/" + Objects.requireNonNull(fromLayout.configDigest()).substring(7)));
    Path dockerArchive =
        TestArchives.dockerArchive(fromLayout, config, directory.resolve("docker.tar"));
    Image fromDockerArchive = ImageSource.open("docker-archive:" + dockerArchive, INSECURE);

    List<String> layers = pulled.layers().stream().map(Layer::digest).toList();
    List<String> diffIds = pulled.layers().stream().map(Layer::diffId).toList();
    for (Image image : List.of(fromLayout, fromOciArchive, fromDockerArchive)) {
      assertThat(image.layers()).extracting(Layer::digest).isEqualTo(layers);
      assertThat(image.layers()).extracting(Layer::diffId).isEqualTo(diffIds);
      assertThat(image.config()).isEqualTo(pulled.config());
      assertThat(image.configDigest()).isEqualTo(pulled.configDigest());
      assertThat(read(image, "etc/os-release")).startsWith("ID=fixture");
    }
    assertThat(fromLayout.manifestDigest()).isEqualTo(pulled.manifestDigest());
    assertThat(fromOciArchive.manifestDigest()).isEqualTo(pulled.manifestDigest());
  }
}
