package dev.bulwark.detect.report;

/**
 * A policy exception whose expiry date has passed, so it no longer waives findings.
 *
 * @param name the exception name
 * @param file the file that declares it
 * @param expires when it expired, as an ISO-8601 date-time
 * @param owner who owns it; empty when the exception names no owner
 */
public record ExpiredException(String name, String file, String expires, String owner) {
  /** A sentence saying what expired and what to do about it. */
  public String message() {
    String ownedBy = owner.isEmpty() ? "" : " (owner: " + owner + ")";
    return "policy exception \""
        + name
        + "\" expired on "
        + expires
        + ownedBy
        + " and no longer waives findings; renew or remove it";
  }
}
