package dev.bulwark.policy.io;

import dev.bulwark.core.manifest.Position;

/**
 * The text is not well-formed JSON or YAML, or exceeds the reading limits. {@link #position()} is
 * where the parser stopped ({@link Position#UNKNOWN} when it cannot tell).
 */
public final class MalformedDocumentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Position position;
  private final String reason;

  public MalformedDocumentException(Position position, String reason) {
    super(position.isKnown() ? position + ": " + reason : reason);
    this.position = position;
    this.reason = reason;
  }

  public Position position() {
    return position;
  }

  /** What is wrong, without the position. */
  public String reason() {
    return reason;
  }
}
