package dev.bulwark.central.secrets;

import dev.bulwark.central.storage.Installation;
import dev.bulwark.server.files.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;

/**
 * Where the secrets key comes from, and the check that every replica uses the same one. The key is
 * never logged, printed or stored in the database.
 */
public final class SecretKeys {
  /** The environment variable that may hold the key (base64). */
  public static final String ENVIRONMENT = "BULWARK_SECRET_KEY";

  private static final String CHECK_VALUE = "bulwark secrets key check";
  private static final String CHECK_CONTEXT = "installation/secret-key-check";

  private SecretKeys() {}

  /**
   * The key and where it came from.
   *
   * @param generated whether this start made the key (the embedded database's first start)
   */
  public record Loaded(SecretBox box, String source, boolean generated) {}

  /**
   * Loads the key: from {@code file} ({@code --secret-key-file}) if given, else from {@code
   * environment} ({@value #ENVIRONMENT}) if set, else from {@code generated} (the embedded default,
   * made with a random key on first use, mode 0600).
   *
   * @param generated null with an external database, which must be given a key
   * @throws IllegalArgumentException when no key is given and none may be made, or the key is
   *     malformed (the message says how to make one)
   */
  public static Loaded load(
      @Nullable Path file, @Nullable String environment, @Nullable Path generated)
      throws IOException {
    if (file != null) {
      return new Loaded(
          SecretBox.fromBase64(Files.readString(file, StandardCharsets.UTF_8), file.toString()),
          file.toString(),
          false);
    }
    if (environment != null && !environment.isBlank()) {
      return new Loaded(SecretBox.fromBase64(environment, ENVIRONMENT), ENVIRONMENT, false);
    }
    if (generated == null) {
      throw new IllegalArgumentException(
          "an external database needs the secrets key that seals secrets at rest: give"
              + " --secret-key-file FILE or set "
              + ENVIRONMENT
              + " (32 random bytes in base64: openssl rand -base64 32); every replica needs the"
              + " same key");
    }
    if (Files.exists(generated)) {
      return new Loaded(
          SecretBox.fromBase64(
              Files.readString(generated, StandardCharsets.UTF_8), generated.toString()),
          generated.toString(),
          false);
    }
    String key = SecretBox.newKey();
    PrivateFiles.write(generated, key + "\n");
    return new Loaded(SecretBox.fromBase64(key, generated.toString()), generated.toString(), true);
  }

  /**
   * Makes sure {@code box} holds the key this database's secrets are sealed with: the first start
   * seals a known value with it, later starts must open that value.
   *
   * @throws SecretException when the database was set up with another key (the message names both
   *     key ids)
   */
  public static void verify(Jdbi jdbi, SecretBox box) throws SecretException {
    Optional<byte[]> stored =
        jdbi.inTransaction(handle -> {
          Installation.lock(handle);
          Optional<byte[]> check =
              handle
                  .createQuery("SELECT secret_key_check FROM installation")
                  .map((rows, context) -> Optional.ofNullable(rows.getBytes(1)))
                  .one();
          if (check.isEmpty()) {
            handle
                .createUpdate("UPDATE installation SET secret_key_check = :check")
                .bind("check", box.seal(CHECK_VALUE, CHECK_CONTEXT))
                .execute();
          }
          return check;
        });
    if (stored.isPresent()) {
      try {
        box.open(stored.get(), CHECK_CONTEXT);
      } catch (SecretException e) {
        throw new SecretException(
            "the secrets key does not match the one this database was set up with: "
                + e.getMessage()
                + "; start with the original key (every replica needs the same one)",
            e);
      }
    }
  }
}
