package dev.bulwark.central.api;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Collects what is wrong with a request body, so that one 422 names every invalid field at once.
 * Not thread-safe: one per request.
 */
public final class Validation {
  private final List<FieldError> errors = new ArrayList<>();

  /**
   * Checks a required name: 1 to {@code maxLength} characters, no control characters, no space at
   * either end.
   *
   * @return the name, or an empty string when it is invalid (the error is recorded)
   */
  public String name(String pointer, @Nullable String value, int maxLength) {
    if (value == null) {
      errors.add(new FieldError(pointer, "is required"));
      return "";
    }
    if (value.isEmpty() || value.length() > maxLength) {
      errors.add(new FieldError(pointer, "must have 1 to " + maxLength + " characters"));
    } else if (!value.equals(value.strip())) {
      errors.add(new FieldError(pointer, "must not start or end with white space"));
    } else if (value.chars().anyMatch(Character::isISOControl)) {
      errors.add(new FieldError(pointer, "must not contain control characters"));
    } else {
      return value;
    }
    return "";
  }

  /** Records {@code detail} for {@code pointer} unless {@code valid}. */
  public void require(boolean valid, String pointer, String detail) {
    if (!valid) {
      errors.add(new FieldError(pointer, detail));
    }
  }

  /**
   * Ends the checks.
   *
   * @throws ApiProblem 422 naming every invalid field, when there is one
   */
  public void done() {
    if (!errors.isEmpty()) {
      throw ApiProblem.invalid(errors);
    }
  }
}
