package dev.bulwark.central.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {
  private final SecretBox box = SecretBox.fromBase64(SecretBox.newKey(), "test key");

  @Test
  void aSealedSecretOpensForItsContextOnly() throws SecretException {
    byte[] sealed = box.seal("hunter2", "notifier/1/password");

    assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain("hunter2");
    assertThat(box.open(sealed, "notifier/1/password").reveal()).isEqualTo("hunter2");
    assertThat(box.seal("hunter2", "notifier/1/password"))
        .as("a new nonce each time")
        .isNotEqualTo(sealed);
    assertThatThrownBy(() -> box.open(sealed, "notifier/2/password"))
        .isInstanceOf(SecretException.class)
        .hasMessageContaining("does not open for 'notifier/2/password'");
  }

  @Test
  void anotherKeyOrAChangedValueIsTold() {
    byte[] sealed = box.seal("value", "context");
    SecretBox other = SecretBox.fromBase64(SecretBox.newKey(), "other key");
    byte[] changed = sealed.clone();
    changed[changed.length - 1] ^= 1;

    assertThatThrownBy(() -> other.open(sealed, "context"))
        .isInstanceOf(SecretException.class)
        .hasMessageContaining("sealed with the key " + box.keyId())
        .hasMessageContaining("not with the configured key " + other.keyId());
    assertThatThrownBy(() -> box.open(changed, "context")).isInstanceOf(SecretException.class);
    assertThatThrownBy(() -> box.open(new byte[3], "context"))
        .isInstanceOf(SecretException.class)
        .hasMessageContaining("damaged");
  }

  @Test
  void secretsAndKeysDoNotPrint() {
    assertThat(new Secret("hunter2").toString()).doesNotContain("hunter2");
    assertThat(box.toString()).isEqualTo("SecretBox[key " + box.keyId() + "]");
  }

  @Test
  void keysMustBe32BytesOfBase64() {
    assertThatThrownBy(() -> SecretBox.fromBase64("not base64!", "--secret-key-file k"))
        .hasMessageContaining("--secret-key-file k is not base64");
    String short16 = Base64.getEncoder().encodeToString(new byte[16]);
    assertThatThrownBy(() -> SecretBox.fromBase64(short16, "BULWARK_SECRET_KEY"))
        .hasMessageContaining("BULWARK_SECRET_KEY holds 16 bytes")
        .hasMessageContaining("openssl rand -base64 32");
    String urlSafe = Base64.getUrlEncoder().encodeToString(new byte[32]);
    assertThat(SecretBox.fromBase64(" " + urlSafe + "\n", "x").keyId()).hasSize(16);
  }

  @Test
  void theKeyComesFromTheFileThenTheEnvironmentThenIsMadeForTheEmbeddedDatabase(
      @TempDir Path directory) throws Exception {
    String fileKey = SecretBox.newKey();
    String environmentKey = SecretBox.newKey();
    Path file = Files.writeString(directory.resolve("given.key"), fileKey);
    Path generated = directory.resolve("secret.key");

    assertThat(SecretKeys.load(file, environmentKey, generated).source())
        .isEqualTo(file.toString());
    assertThat(SecretKeys.load(null, environmentKey, generated).source())
        .isEqualTo("BULWARK_SECRET_KEY");
    SecretKeys.Loaded made = SecretKeys.load(null, null, generated);
    SecretKeys.Loaded again = SecretKeys.load(null, " ", generated);

    assertThat(made.generated()).isTrue();
    assertThat(again.generated()).isFalse();
    assertThat(again.box().keyId()).isEqualTo(made.box().keyId());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(generated)))
        .isEqualTo("rw-------");
    assertThatThrownBy(() -> SecretKeys.load(null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("an external database needs the secrets key");
  }
}
