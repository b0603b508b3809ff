package dev.bulwark.central.auth;

/**
 * A token just issued, with its secret: the only time the secret exists outside the caller's hands.
 * {@link #toString()} leaves the secret out.
 */
public record IssuedToken(ApiToken token, String secret) {
  @Override
  public String toString() {
    return "IssuedToken[" + token + "]";
  }
}
