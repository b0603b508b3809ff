package dev.bulwark.central.notifiers;

/** Another notifier has the name. */
public final class NotifierNameTakenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NotifierNameTakenException(String name) {
    super("another notifier is named '" + name + "'; choose another name");
  }
}
