package dev.bulwark.cli.central;

/** Central cannot be asked, or refused the request; the message says what to do. */
public final class CentralException extends Exception {
  private static final long serialVersionUID = 1L;

  CentralException(String message) {
    super(message);
  }

  CentralException(String message, Throwable cause) {
    super(message, cause);
  }
}
