package dev.bulwark.scanner.sbom;

/**
 * A file cannot be read as a software bill of materials: missing, over a limit, malformed, or of a
 * format or version bulwark does not read. The message says what, where (file, and line and column
 * when known) and, when there is one, what to do.
 */
public final class SbomException extends Exception {
  private static final long serialVersionUID = 1L;

  /** An error with a complete, user-facing message. */
  public SbomException(String message) {
    super(message);
  }

  /** An error with a complete, user-facing message, caused by a lower-level failure. */
  public SbomException(String message, Throwable cause) {
    super(message, cause);
  }
}
