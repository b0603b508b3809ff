package dev.bulwark.central.storage;

/** The database cannot be used: unreachable, refusing the credentials, or failing a migration. */
public final class DatabaseException extends Exception {
  private static final long serialVersionUID = 1L;

  public DatabaseException(String message, Throwable cause) {
    super(message, cause);
  }

  public DatabaseException(String message) {
    super(message);
  }
}
