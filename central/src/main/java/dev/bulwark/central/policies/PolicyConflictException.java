package dev.bulwark.central.policies;

/** Another policy has the id or the name. */
public final class PolicyConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  PolicyConflictException(String what, String value) {
    super(
        "a policy with the "
            + what
            + " '"
            + value
            + "' exists already; change it with PUT /v1/policies/{id} or choose another "
            + what);
  }
}
