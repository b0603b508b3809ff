package dev.bulwark.scanner.analyzer;

import java.io.IOException;

/** A file's content is malformed or exceeds a limit; the runner records the reason as a note. */
public final class MalformedContentException extends IOException {
  private static final long serialVersionUID = 1L;
  private final String reason;

  public MalformedContentException(String reason) {
    super(reason);
    this.reason = reason;
  }

  /** What is wrong with the content, for a {@link Note}. */
  public String reason() {
    return reason;
  }
}
