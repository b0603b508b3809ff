package dev.bulwark.central.auth;

/** An authenticated caller may not do this (HTTP 403). */
public final class AccessDeniedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;

  /**
   * @param code a short machine-readable reason, e.g. {@code wrong-cluster}
   * @param message what is refused and why, for the caller
   */
  public AccessDeniedException(String code, String message) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
