package dev.bulwark.cli.pss;

import dev.bulwark.detect.report.ObjectRef;
import dev.bulwark.detect.report.ReportError;
import dev.bulwark.detect.report.ReportNote;
import dev.bulwark.policy.pss.FailedCheck;
import dev.bulwark.policy.pss.LevelVersion;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * The table form for people: the policy, then one line per pod (denied ones followed by their
 * failed checks), then errors, notes and the summary. Not a contract; control characters from the
 * input are shown escaped so that a manifest cannot drive the terminal.
 */
final class PssTableWriter {
  private final boolean colour;

  PssTableWriter(boolean colour) {
    this.colour = colour;
  }

  void write(PssReport report, Writer out) throws IOException {
    LevelVersion policy = report.policy();
    String header = "Pod Security Standards " + policy;
    if (policy.version().isLatest()) {
      header += " (" + policy.version().effective() + ")";
    }
    out.write(header + "\n\n");
    for (PodVerdict verdict : report.results()) {
      writeVerdict(verdict, out);
    }
    if (!report.results().isEmpty()) {
      out.write("\n");
    }
    for (ReportError error : report.errors()) {
      out.write(errorLine(error) + "\n");
    }
    for (ReportNote note : report.notes()) {
      out.write(shown(position(note.file(), note.line(), 0) + "note: " + note.message()) + "\n");
    }
    out.write(report.summaryLine() + "\n");
  }

  private void writeVerdict(PodVerdict verdict, Writer out) throws IOException {
    ObjectRef object = verdict.object();
    boolean allowed = verdict.result().allowed();
    out.write(
        shown(
                object.file()
                    + ":"
                    + object.line()
                    + "  "
                    + object.kind()
                    + " "
                    + object.namespacedName())
            + "  "
            + (allowed ? paint("allowed", "32") : paint("DENIED", "1;31"))
            + "\n");
    for (FailedCheck failed : verdict.result().failedChecks()) {
      out.write(
          "  "
              + paint(failed.id(), "1")
              + "  "
              + shown(failed.message())
              + "  ("
              + shown(failed.location().toString())
              + ")\n");
    }
  }

  /** {@code file:line:column: message}, like a compiler, safe for a terminal. */
  static String errorLine(ReportError error) {
    return shown(position(error.file(), error.line(), error.column()) + error.message());
  }

  private static String position(String file, int line, int column) {
    if (file.isEmpty()) {
      return "";
    }
    String position = file;
    if (line > 0) {
      position += ":" + line + (column > 0 ? ":" + column : "");
    }
    return position + ": ";
  }

  private String paint(String text, String code) {
    return colour ? "\u001B[" + code + "m" + text + "\u001B[0m" : text;
  }

  /** {@code text} on one line, with control characters escaped. */
  static String shown(String text) {
    StringBuilder shown = new StringBuilder(text.length());
    text.codePoints()
        .forEach(codePoint -> {
          if (codePoint == '\n') {
            shown.append("\\n");
          } else if (Character.isISOControl(codePoint)) {
            shown.append(String.format(Locale.ROOT, "\\u%04X", codePoint));
          } else {
            shown.appendCodePoint(codePoint);
          }
        });
    return shown.toString();
  }
}
