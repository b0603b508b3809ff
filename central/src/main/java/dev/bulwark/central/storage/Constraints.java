package dev.bulwark.central.storage;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** Tells constraint violations apart, so a store can turn them into a clear error. */
public final class Constraints {
  private static final String UNIQUE_VIOLATION = "23505";
  private static final String FOREIGN_KEY_VIOLATION = "23503";

  private Constraints() {}

  /**
   * Whether {@code error} (or one of its causes) is a violation of the unique {@code constraint}.
   */
  public static boolean isUniqueViolation(Throwable error, String constraint) {
    return violates(error, UNIQUE_VIOLATION, constraint);
  }

  /**
   * Whether {@code error} (or one of its causes) is a violation of the foreign key {@code
   * constraint}.
   */
  public static boolean isForeignKeyViolation(Throwable error, String constraint) {
    return violates(error, FOREIGN_KEY_VIOLATION, constraint);
  }

  private static boolean violates(Throwable error, String state, String constraint) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof PSQLException postgres && state.equals(postgres.getSQLState())) {
        ServerErrorMessage message = postgres.getServerErrorMessage();
        return message != null && constraint.equals(message.getConstraint());
      }
    }
    return false;
  }
}
