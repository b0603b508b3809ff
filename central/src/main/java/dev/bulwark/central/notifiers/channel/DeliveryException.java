package dev.bulwark.central.notifiers.channel;

/**
 * A message could not be delivered. {@link #permanent()} failures (the peer refused the request as
 * malformed or unauthorised, a target is invalid) are not retried; the others (network errors,
 * timeouts, HTTP 429 and 5xx) are. Messages never contain secrets.
 */
public final class DeliveryException extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean permanent;

  public DeliveryException(String message, boolean permanent) {
    super(message);
    this.permanent = permanent;
  }

  public DeliveryException(String message, boolean permanent, Throwable cause) {
    super(message, cause);
    this.permanent = permanent;
  }

  public boolean permanent() {
    return permanent;
  }
}
