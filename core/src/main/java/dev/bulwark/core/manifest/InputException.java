package dev.bulwark.core.manifest;

/**
 * Input that cannot be read, at a known place; the reader turns it into a {@link ManifestError}.
 * Bad input is expected, so no stack trace is captured.
 */
final class InputException extends Exception {
  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial") // never serialized; Position is a plain record
  private final Position position;

  /**
   * @param position absolute line and column in the file, or {@link Position#UNKNOWN} for problems
   *     with the file as a whole
   */
  InputException(Position position, String message) {
    super(message, null, false, false);
    this.position = position;
  }

  Position position() {
    return position;
  }

  /** The message, never null: every instance is created with one. */
  @Override
  public String getMessage() {
    return java.util.Objects.requireNonNull(super.getMessage());
  }
}
