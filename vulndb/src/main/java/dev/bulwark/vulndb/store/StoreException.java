package dev.bulwark.vulndb.store;

/** The store cannot be opened, locked, read or written; the message says what and where. */
public final class StoreException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A problem described by {@code message}. */
  public StoreException(String message) {
    super(message);
  }

  /** A problem described by {@code message}, caused by {@code cause}. */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
