package dev.bulwark.policy.criteria;

/**
 * Kleene's three-valued logic: a criterion that needs data nobody provided is {@link #UNKNOWN},
 * never silently false. In a conjunction FALSE dominates UNKNOWN; in a disjunction TRUE does.
 */
public enum Truth {
  TRUE,
  FALSE,
  UNKNOWN;

  public static Truth of(boolean value) {
    return value ? TRUE : FALSE;
  }

  public Truth and(Truth other) {
    if (this == FALSE || other == FALSE) {
      return FALSE;
    }
    return this == TRUE && other == TRUE ? TRUE : UNKNOWN;
  }

  public Truth or(Truth other) {
    if (this == TRUE || other == TRUE) {
      return TRUE;
    }
    return this == FALSE && other == FALSE ? FALSE : UNKNOWN;
  }
}
