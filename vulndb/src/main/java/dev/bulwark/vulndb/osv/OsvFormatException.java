package dev.bulwark.vulndb.osv;

/** A document that cannot be read as an OSV record at all: not JSON, or without an id. */
public final class OsvFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A problem described by {@code message}, which names the document. */
  public OsvFormatException(String message) {
    super(message);
  }
}
