package dev.bulwark.central.exceptions;

/** Another exception has the name. */
public final class ExceptionNameTakenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ExceptionNameTakenException(String name) {
    super(
        "an exception named '"
            + name
            + "' exists already; change it with PUT /v1/exceptions/{id} or choose another name");
  }
}
