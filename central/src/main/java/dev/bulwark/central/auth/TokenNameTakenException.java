package dev.bulwark.central.auth;

/** A live (unrevoked) token already has the name. */
public final class TokenNameTakenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TokenNameTakenException(String name) {
    super(
        "a token named '"
            + name
            + "' exists and is not revoked; choose another name or revoke that token first");
  }
}
