package dev.bulwark.core.manifest;

/** A 1-based line and column in a source text. */
public record Position(int line, int column) implements Comparable<Position> {
  public static final Position UNKNOWN = new Position(0, 0);

  public Position {
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException("line and column must be >= 0: " + line + ":" + column);
    }
  }

  public boolean isKnown() {
    return line > 0;
  }

  /** This position moved down by {@code lines}, for documents cut out of a larger file. */
  public Position shiftLines(int lines) {
    return isKnown() ? new Position(line + lines, column) : this;
  }

  @Override
  public int compareTo(Position other) {
    int byLine = Integer.compare(line, other.line);
    return byLine != 0 ? byLine : Integer.compare(column, other.column);
  }

  @Override
  public String toString() {
    return line + ":" + column;
  }
}
