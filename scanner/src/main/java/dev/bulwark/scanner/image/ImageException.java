package dev.bulwark.scanner.image;

/**
 * An image or one of its parts cannot be read: bad reference, unreachable or refusing registry,
 * malformed manifest, corrupt or oversized layer. The message says what, where (reference, layer
 * digest, path) and, when there is one, what to do.
 */
public final class ImageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error with a complete, user-facing message. */
  public ImageException(String message) {
    super(message);
  }

  /** An error caused by a lower-level failure, whose message is appended by callers as needed. */
  public ImageException(String message, Throwable cause) {
    super(message, cause);
  }
}
