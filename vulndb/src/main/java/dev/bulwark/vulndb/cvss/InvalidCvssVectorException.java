package dev.bulwark.vulndb.cvss;

/** A vector that is not a valid CVSS vector of a supported version; the message says why. */
public final class InvalidCvssVectorException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A problem with {@code vector} described by {@code reason}. */
  public InvalidCvssVectorException(String vector, String reason) {
    super("invalid CVSS vector \"" + vector + "\": " + reason);
  }
}
