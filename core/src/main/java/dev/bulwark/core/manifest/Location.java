package dev.bulwark.core.manifest;

/** A place in a file a person can open: display path plus 1-based line and column (0 = unknown). */
public record Location(String file, int line, int column) {
  public static Location of(String file, Position position) {
    return new Location(file, position.line(), position.column());
  }

  @Override
  public String toString() {
    return line > 0 ? file + ":" + line + ":" + column : file;
  }
}
