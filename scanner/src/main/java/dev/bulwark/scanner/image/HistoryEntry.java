package dev.bulwark.scanner.image;

import org.jspecify.annotations.Nullable;

/**
 * One step of the image's build history, from the config's {@code history} array.
 *
 * @param created ISO-8601 time, null when absent
 * @param createdBy the build instruction as recorded, null when absent
 * @param comment free text, null when absent
 * @param emptyLayer true when the step produced no filesystem layer (ENV, LABEL, ...)
 */
public record HistoryEntry(
    @Nullable String created,
    @Nullable String createdBy,
    @Nullable String comment,
    boolean emptyLayer) {

  private static final String SHELL_PREFIX = "/bin/sh -c ";
  private static final String NOP_PREFIX = "#(nop) ";

  /**
   * The step as a Dockerfile line: {@code /bin/sh -c #(nop) ENV A=b} becomes {@code ENV A=b}, and
   * {@code /bin/sh -c apt-get install x} becomes {@code RUN apt-get install x}; BuildKit's records
   * ({@code RUN /bin/sh -c ... # buildkit}) lose their trailing marker. Empty when unknown.
   */
  public String dockerfileLine() {
    if (createdBy == null) {
      return "";
    }
    String line = createdBy.strip();
    if (line.endsWith("# buildkit")) {
      line = line.substring(0, line.length() - "# buildkit".length()).strip();
    }
    if (line.startsWith(SHELL_PREFIX)) {
      String command = line.substring(SHELL_PREFIX.length()).strip();
      if (command.startsWith(NOP_PREFIX)) {
        return command.substring(NOP_PREFIX.length()).strip();
      }
      return "RUN " + command;
    }
    return line;
  }
}
