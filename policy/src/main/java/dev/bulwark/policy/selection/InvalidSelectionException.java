package dev.bulwark.policy.selection;

/** A selection names a framework or a policy that none of the loaded policies matches. */
public final class InvalidSelectionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidSelectionException(String message) {
    super(message);
  }
}
