package dev.bulwark.central.auth;

import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Turns an {@code Authorization: Bearer <token>} header into the caller, checking the token against
 * the database on every call, so that a revocation takes effect at once on every replica.
 * Thread-safe.
 */
public final class Authenticator {
  private static final String SCHEME = "Bearer";

  private final TokenStore tokens;
  private final Clock clock;

  public Authenticator(TokenStore tokens, Clock clock) {
    this.tokens = tokens;
    this.clock = clock;
  }

  /**
   * The caller that {@code authorization} (the header's value, null when absent) authenticates.
   *
   * @throws AuthenticationException saying what is wrong with the header or the token
   */
  public Principal authenticate(@Nullable String authorization) throws AuthenticationException {
    if (authorization == null || authorization.isBlank()) {
      throw new AuthenticationException(
          AuthenticationException.Reason.MISSING,
          "this endpoint needs an API token: send the header 'Authorization: Bearer <token>'");
    }
    String header = authorization.strip();
    int space = header.indexOf(' ');
    String scheme = space < 0 ? header : header.substring(0, space);
    if (!scheme.equalsIgnoreCase(SCHEME)) {
      throw new AuthenticationException(
          AuthenticationException.Reason.MALFORMED,
          "the Authorization header must use the Bearer scheme: 'Authorization: Bearer <token>'");
    }
    String secret = space < 0 ? "" : header.substring(space + 1).strip();
    if (secret.isEmpty()) {
      throw new AuthenticationException(
          AuthenticationException.Reason.MALFORMED, "the Authorization header holds no token");
    }
    ApiToken token =
        tokens
            .findBySecret(secret)
            .orElseThrow(() ->
                new AuthenticationException(
                    AuthenticationException.Reason.UNKNOWN,
                    "this server knows no such token; tokens are shown once when issued,"
                        + " so ask an admin for a new one"));
    Instant now = clock.instant();
    switch (token.state(now)) {
      case REVOKED ->
          throw new AuthenticationException(
              AuthenticationException.Reason.REVOKED,
              "the token '" + token.name() + "' was revoked at " + token.revokedAt());
      case EXPIRED ->
          throw new AuthenticationException(
              AuthenticationException.Reason.EXPIRED,
              "the token '" + token.name() + "' expired at " + token.expiresAt());
      case ACTIVE -> tokens.touch(token);
    }
    return token.principal();
  }
}
