package dev.bulwark.core.manifest;

/**
 * Input that could not be read: bad YAML or JSON, a duplicate key, an object without kind, a file
 * too large. Rendered as {@code file:line:column: message}.
 */
public record ManifestError(String file, int line, int column, String message) {
  public static ManifestError at(String file, Position position, String message) {
    return new ManifestError(file, position.line(), position.column(), message);
  }

  public static ManifestError ofFile(String file, String message) {
    return new ManifestError(file, 0, 0, message);
  }

  @Override
  public String toString() {
    return line > 0 ? file + ":" + line + ":" + column + ": " + message : file + ": " + message;
  }
}
