package dev.bulwark.central.secrets;

/** A sealed secret cannot be opened: another key sealed it, or it was changed or damaged. */
public final class SecretException extends Exception {
  private static final long serialVersionUID = 1L;

  public SecretException(String message) {
    super(message);
  }

  public SecretException(String message, Throwable cause) {
    super(message, cause);
  }
}
