package dev.bulwark.core.manifest;

/** Something skipped on purpose, such as a document that is not a Kubernetes object. */
public record ManifestNote(String file, int line, String message) {
  @Override
  public String toString() {
    return (line > 0 ? file + ":" + line : file) + ": " + message;
  }
}
