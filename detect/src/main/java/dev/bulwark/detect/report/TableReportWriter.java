package dev.bulwark.detect.report;

import dev.bulwark.policy.model.Severity;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes the report for a person at a terminal: the objects that have findings, grouped by object,
 * then input errors, notes and expired exceptions, then a one-line summary. Objects with nothing to
 * show are only counted.
 *
 * <p>Text from the input (names, messages, paths) is shown with control characters escaped, so a
 * manifest cannot inject terminal escape sequences. ANSI colour is used only when asked for.
 */
final class TableReportWriter implements ReportWriter {
  private static final String BOLD = "1";
  private static final String DIM = "2";
  private static final String RED = "31";
  private static final String BOLD_RED = "1;31";
  private static final String YELLOW = "33";
  private static final String CYAN = "36";
  private static final int LABEL_WIDTH = "CRITICAL".length();

  private final boolean colour;

  /**
   * @param colour whether to use ANSI colour; pass true only when the output is a terminal
   */
  TableReportWriter(boolean colour) {
    this.colour = colour;
  }

  @Override
  public void write(Report report, Writer out) throws IOException {
    List<List<String>> sections = new ArrayList<>();
    for (ObjectResult result : report.results()) {
      if (result.hasFindings()) {
        sections.add(objectLines(result));
      }
    }
    List<String> messages = messageLines(report);
    if (!messages.isEmpty()) {
      sections.add(messages);
    }
    for (List<String> section : sections) {
      for (String line : section) {
        out.write(line);
        out.write('\n');
      }
      out.write('\n');
    }
    out.write(paint(summaryLine(report.summary()), BOLD));
    out.write('\n');
    out.flush();
  }

  private List<String> objectLines(ObjectResult result) {
    ObjectRef object = result.object();
    List<String> lines = new ArrayList<>();
    lines.add(
        paint(
            join(
                shown(Locations.format(object.file(), object.line(), 0)),
                shown(object.kind() + " " + object.namespacedName())),
            BOLD));
    for (Finding finding : result.violations()) {
      lines.add(findingLine(finding));
    }
    for (NotEvaluated notEvaluated : result.notEvaluated()) {
      lines.add(
          "  "
              + paint(pad("SKIPPED"), DIM)
              + join(
                  shown(notEvaluated.policy()), shown("not evaluated: " + notEvaluated.reason())));
    }
    return lines;
  }

  private String findingLine(Finding finding) {
    String location = Locations.format(finding.file(), finding.line(), finding.column());
    String where = location.isEmpty() ? "" : "(" + shown(location) + ")";
    if (finding.waived()) {
      // Dim the whole line: a waived finding is context, not something to act on.
      WaiverInfo waiver = finding.waiver();
      String reason = waiver == null ? "WAIVED" : shown("WAIVED: " + waiver.reason());
      String line =
          pad(finding.severity().name())
              + join(shown(finding.policy()), shown(finding.message()), where, reason);
      return "  " + paint(line, DIM);
    }
    return "  "
        + paint(pad(finding.severity().name()), severityColour(finding.severity()))
        + join(
            shown(finding.policy()),
            shown(finding.message()),
            where,
            finding.blocking() ? paint("BLOCKING", BOLD_RED) : "");
  }

  private List<String> messageLines(Report report) {
    List<String> lines = new ArrayList<>();
    for (ReportError error : report.errors()) {
      String location = Locations.format(error.file(), error.line(), error.column());
      lines.add(paint(shown(Locations.prefix(location, error.message())), RED));
    }
    for (ReportNote note : report.notes()) {
      String location = Locations.format(note.file(), note.line(), 0);
      lines.add(shown(Locations.prefix(location, "note: " + note.message())));
    }
    for (ExpiredException expired : report.expiredExceptions()) {
      lines.add(
          paint(shown(Locations.prefix(expired.file(), "warning: " + expired.message())), YELLOW));
    }
    return lines;
  }

  private static String summaryLine(Summary summary) {
    return count(summary.objects(), "object")
        + ", "
        + count(summary.violations(), "violation")
        + " ("
        + summary.blocking()
        + " blocking, "
        + summary.waived()
        + " waived), "
        + summary.notEvaluated()
        + " not evaluated, "
        + count(summary.errors(), "error");
  }

  private static String count(int count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }

  private static String severityColour(Severity severity) {
    return switch (severity) {
      case CRITICAL -> BOLD_RED;
      case HIGH -> RED;
      case MEDIUM -> YELLOW;
      case LOW -> CYAN;
    };
  }

  // The label column is as wide as the widest label plus the two-space column gap.
  private static String pad(String label) {
    return label + " ".repeat(LABEL_WIDTH - label.length() + 2);
  }

  // Two spaces between columns; empty columns are left out, so no line ends in spaces.
  private static String join(String... columns) {
    List<String> shown = new ArrayList<>();
    for (String column : columns) {
      if (!column.isEmpty()) {
        shown.add(column);
      }
    }
    return String.join("  ", shown);
  }

  private String paint(String text, String code) {
    return colour ? "\u001B[" + code + "m" + text + "\u001B[0m" : text;
  }

  /**
   * {@code text} without surrounding blanks and with control characters escaped, so that it stays
   * on one line and cannot drive the terminal.
   */
  static String shown(String text) {
    StringBuilder shown = new StringBuilder(text.length());
    text.codePoints()
        .forEach(codePoint -> {
          if (codePoint == '\n') {
            shown.append("\\n");
          } else if (codePoint == '\t') {
            shown.append(' ');
          } else if (Character.isISOControl(codePoint)) {
            shown.append(String.format(Locale.ROOT, "\\u%04X", codePoint));
          } else {
            shown.appendCodePoint(codePoint);
          }
        });
    return shown.toString().strip();
  }
}
