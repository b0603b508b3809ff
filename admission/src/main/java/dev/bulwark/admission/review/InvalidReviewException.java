package dev.bulwark.admission.review;

/** A request body that is not a usable AdmissionReview; the message says what is wrong. */
public final class InvalidReviewException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidReviewException(String message) {
    super(message);
  }

  public InvalidReviewException(String message, Throwable cause) {
    super(message, cause);
  }
}
