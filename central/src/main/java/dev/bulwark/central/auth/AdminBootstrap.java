package dev.bulwark.central.auth;

import dev.bulwark.central.storage.Installation;
import dev.bulwark.server.files.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;

/**
 * The first admin token, so that someone can log in to a new installation. Either central makes one
 * at the first start (no token exists yet) and writes it to a file only the owner can read, or the
 * operator hands one in a file ({@code --admin-token-file}), which is registered if the database
 * does not know it yet. Never re-creates a token: restarts, and replicas starting together, leave
 * the tokens as they are (the check and the insert hold the installation lock).
 */
public final class AdminBootstrap {
  /** The name of the token made at the first start. */
  public static final String NAME = "admin";

  /** What the bootstrap found or did. */
  public sealed interface Outcome {
    /** A new installation: the token was made and written to {@code file}. */
    record Created(IssuedToken token, Path file) implements Outcome {}

    /** The installation has tokens already; {@code file} is where the first one was written. */
    record Existing(Path file) implements Outcome {}

    /** The token from the operator's file; {@code registered} when this start stored it. */
    record Given(Path file, boolean registered) implements Outcome {}
  }

  private final Jdbi jdbi;
  private final TokenStore tokens;

  public AdminBootstrap(Jdbi jdbi, TokenStore tokens) {
    this.jdbi = jdbi;
    this.tokens = tokens;
  }

  /**
   * Makes sure an admin can log in.
   *
   * @param given the operator's token file, or null to make one at the first start
   * @param written where a token made here is written (mode 0600)
   * @throws IOException when a file cannot be read or written
   * @throws IllegalArgumentException when the given file does not hold a usable token
   */
  public Outcome ensure(@Nullable Path given, Path written) throws IOException {
    if (given != null) {
      return register(given);
    }
    try {
      Optional<IssuedToken> created =
          jdbi.inTransaction(handle -> {
            Installation.lock(handle);
            if (!tokens.none(handle)) {
              return Optional.<IssuedToken>empty();
            }
            IssuedToken token =
                tokens.issue(handle, new TokenRequest(NAME, Role.ADMIN, null, null, null));
            // Written before the commit: if the write fails, no token exists that nobody has.
            write(written, token.secret());
            return Optional.of(token);
          });
      return created
          .<Outcome>map(token -> new Outcome.Created(token, written))
          .orElseGet(() -> new Outcome.Existing(written));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private Outcome register(Path file) throws IOException {
    String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
    try {
      TokenSecrets.checkChosen(secret);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
    boolean registered =
        jdbi.inTransaction(handle -> {
          Installation.lock(handle);
          if (tokens.findBySecret(handle, secret).isPresent()) {
            return false;
          }
          // A second given token (the file was changed) needs a name of its own.
          String name =
              tokens.none(handle)
                  ? NAME
                  : NAME + "-" + HexFormat.of().formatHex(TokenSecrets.hash(secret), 0, 4);
          tokens.register(handle, new TokenRequest(name, Role.ADMIN, null, null, null), secret);
          return true;
        });
    return new Outcome.Given(file, registered);
  }

  private static void write(Path file, String secret) {
    try {
      PrivateFiles.write(file, secret + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
