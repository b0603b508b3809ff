package dev.bulwark.scanner.analyzer;

import java.util.Objects;

/**
 * Something an analyzer skipped and why, for example a malformed stanza or a file over a size
 * limit.
 *
 * @param analyzer the analyzer's name
 * @param path where: the normalised path, with {@code !/} before paths inside archives
 * @param reason what was wrong, in words a user can act on
 */
public record Note(String analyzer, String path, String reason) {
  public Note {
    Objects.requireNonNull(analyzer, "analyzer");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public String toString() {
    return path + ": " + reason + " (" + analyzer + ")";
  }
}
