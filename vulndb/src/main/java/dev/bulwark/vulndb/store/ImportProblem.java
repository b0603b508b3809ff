package dev.bulwark.vulndb.store;

/**
 * Something wrong with one document of an import.
 *
 * @param source the file, or zip and entry, such as {@code all.zip!GHSA-x.json}
 * @param message what is wrong
 * @param rejected true when the document was not imported at all, false for a warning about a part
 *     that was dropped while the rest of the record was imported
 */
public record ImportProblem(String source, String message, boolean rejected) {
  @Override
  public String toString() {
    return source + ": " + (rejected ? "error: " : "warning: ") + message;
  }
}
