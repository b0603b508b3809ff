package dev.bulwark.central.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * API token secrets: 256 random bits, written {@code bwk_} + base64url so that secret scanners and
 * people recognise them; only their SHA-256 is stored. A hash suffices, without salt or slow
 * hashing, because the secrets are random and long, never chosen by people.
 */
public final class TokenSecrets {
  /** Tokens central generates start with this. */
  public static final String PREFIX = "bwk_";

  /** The shortest token accepted from a file (a given admin token). */
  public static final int MINIMUM_LENGTH = 32;

  private static final SecureRandom RANDOM = new SecureRandom();

  private TokenSecrets() {}

  /** A new random token. Thread-safe. */
  public static String generate() {
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  /** The SHA-256 of the token's UTF-8 bytes, as stored. */
  public static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /**
   * Checks a token someone chose (the {@code --admin-token-file}): long enough to resist guessing,
   * printable ASCII without spaces, so it fits an Authorization header.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static void checkChosen(String token) {
    if (token.length() < MINIMUM_LENGTH) {
      throw new IllegalArgumentException(
          "the token has "
              + token.length()
              + " characters; use at least "
              + MINIMUM_LENGTH
              + " random ones (e.g. openssl rand -hex 32)");
    }
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c <= ' ' || c > '~') {
        throw new IllegalArgumentException(
            "the token may hold only printable ASCII characters without spaces (character "
                + (i + 1)
                + " is not)");
      }
    }
  }
}
