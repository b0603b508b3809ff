package dev.bulwark.render.source;

import java.io.File;
import java.nio.file.Path;

/**
 * Builds the paths shown in reports. They must be stable across machines, so they are relative to
 * the working directory whenever the input is, always use {@code /}, and never contain {@code .} or
 * {@code ..} segments that could be folded away.
 */
public final class DisplayPaths {
  private DisplayPaths() {}

  /**
   * The display path of a command-line input: as given (normalized) when relative, relative to
   * {@code workingDirectory} when absolute and inside it, else absolute.
   */
  public static String ofInput(String given, Path workingDirectory) {
    Path path = Path.of(given).normalize();
    if (path.isAbsolute()) {
      Path base = workingDirectory.toAbsolutePath().normalize();
      if (path.startsWith(base)) {
        path = base.relativize(path);
      }
    }
    return text(path);
  }

  /**
   * The display path of {@code relative} (a path such as {@code templates/a.yaml} or {@code
   * ../base}) inside the input whose display path is {@code parent}.
   */
  public static String child(String parent, String relative) {
    return text(Path.of(parent).resolve(relative).normalize());
  }

  private static String text(Path path) {
    String text = path.toString().replace(File.separatorChar, '/');
    return text.isEmpty() ? "." : text;
  }
}
