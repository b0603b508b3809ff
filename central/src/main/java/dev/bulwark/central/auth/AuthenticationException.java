package dev.bulwark.central.auth;

/** The caller did not present a usable token (HTTP 401). */
public final class AuthenticationException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why the token is not usable. */
  public enum Reason {
    MISSING("token-missing"),
    MALFORMED("token-malformed"),
    UNKNOWN("token-unknown"),
    EXPIRED("token-expired"),
    REVOKED("token-revoked");

    private final String code;

    Reason(String code) {
      this.code = code;
    }

    /** The problem code in the API, e.g. {@code token-expired}. */
    public String code() {
      return code;
    }
  }

  private final Reason reason;

  public AuthenticationException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
