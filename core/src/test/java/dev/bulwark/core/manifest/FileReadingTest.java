package dev.bulwark.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileReadingTest {
  private static RecordingSink readFile(Path path) {
    RecordingSink sink = new RecordingSink();
    new ManifestReader(ReadLimits.DEFAULT)
        .read(new ManifestSource.FileSource(path, path.getFileName().toString()), sink);
    return sink;
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(Objects.requireNonNull(FileReadingTest.class.getResource(name)).toURI());
  }

  @Test
  void fileIsReadWithPositions() throws URISyntaxException {
    RecordingSink sink = readFile(resource("/manifest/privileged-deployment.yaml"));

    ManifestObject deployment = sink.only();
    assertThat(deployment.file()).isEqualTo("privileged-deployment.yaml");
    assertThat(
            deployment.locate(
                FieldPath.of("spec", "template", "spec", "containers")
                    .index(0)
                    .resolve(FieldPath.of("securityContext", "privileged"))))
        .isEqualTo(new Location("privileged-deployment.yaml", 16, 13));
  }

  @Test
  void missingFileIsAnError(@TempDir Path directory) {
    RecordingSink sink = readFile(directory.resolve("absent.yaml"));

    assertThat(sink.errors)
        .singleElement()
        .hasToString("absent.yaml: file not found; check the path");
  }

  @Test
  void directoryIsAnError(@TempDir Path directory) throws IOException {
    Path folder = Files.createDirectory(directory.resolve("manifests"));

    RecordingSink sink = readFile(folder);

    assertThat(sink.errors)
        .singleElement()
        .extracting(ManifestError::message)
        .asString()
        .startsWith("is a directory");
  }

  @Test
  void utf8ByteOrderMarkIsDropped(@TempDir Path directory) throws IOException {
    Path file = directory.resolve("bom.yaml");
    byte[] body =
        "apiVersion: v1\nkind: Pod\nmetadata: {name: bom}\n".getBytes(StandardCharsets.UTF_8);
    byte[] withMark = new byte[body.length + 3];
    withMark[0] = (byte) 0xEF;
    withMark[1] = (byte) 0xBB;
    withMark[2] = (byte) 0xBF;
    System.arraycopy(body, 0, withMark, 3, body.length);
    Files.write(file, withMark);

    ManifestObject pod = readFile(file).only();

    assertThat(pod.name()).isEqualTo("bom");
    assertThat(pod.root().keyPosition("apiVersion")).isEqualTo(new Position(1, 1));
  }

  @Test
  void jsonFileWithByteOrderMarkIsRead(@TempDir Path directory) throws IOException {
    Path file = directory.resolve("pod.json");
    Files.writeString(
        file, "\uFEFF{\"apiVersion\": \"v1\", \"kind\": \"Pod\"}", StandardCharsets.UTF_8);

    assertThat(readFile(file).only().root().keyPosition("kind")).isEqualTo(new Position(1, 22));
  }

  @Test
  void utf16WithByteOrderMarkIsRead(@TempDir Path directory) throws IOException {
    Path file = directory.resolve("utf16.yaml");
    Files.writeString(file, "\uFEFFapiVersion: v1\nkind: Pod\n", StandardCharsets.UTF_16LE);

    assertThat(readFile(file).only().kind()).isEqualTo("Pod");
  }

  @Test
  void invalidUtf8IsAnErrorWithItsPosition(@TempDir Path directory) throws IOException {
    Path file = directory.resolve("latin1.yaml");
    Files.writeString(
        file, "apiVersion: v1\nkind: Pod\nname: caf\u00e9\n", StandardCharsets.ISO_8859_1);

    RecordingSink sink = readFile(file);

    assertThat(sink.objects).isEmpty();
    assertThat(sink.errors)
        .singleElement()
        .hasToString(
            "latin1.yaml:3:10: not UTF-8 text (invalid byte 0xE9); save the file as UTF-8");
  }

  @Test
  void literalReplacementCharacterIsValidUtf8(@TempDir Path directory) throws IOException {
    Path file = directory.resolve("replacement.yaml");
    Files.writeString(file, "apiVersion: v1\nkind: Pod\nname: \uFFFD\n", StandardCharsets.UTF_8);

    assertThat(readFile(file).only().root().string("name")).isEqualTo("\uFFFD");
  }
}
