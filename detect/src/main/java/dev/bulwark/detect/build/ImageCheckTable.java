package dev.bulwark.detect.build;

import dev.bulwark.detect.report.WaiverInfo;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes an image check for a person: the image, whether vulnerabilities were checked, then every
 * violated or not evaluated policy with its violations or reason, the counts and the verdict.
 * Policies that pass are only counted. Text from the image (labels, Dockerfile lines, names) is
 * shown with control characters escaped, so an image cannot drive the terminal.
 */
public final class ImageCheckTable {
  private static final String FAILS_BUILD = "FAILS BUILD";
  private static final String VIOLATED = "VIOLATED";
  private static final String NOT_EVALUATED = "NOT EVALUATED";
  private static final int STATUS_WIDTH = NOT_EVALUATED.length();
  private static final int SEVERITY_WIDTH = "CRITICAL".length();

  private ImageCheckTable() {}

  public static void write(ImageCheckReport report, Writer out) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(imageLine(report));
    Path database = report.database();
    lines.add(
        database == null
            ? "Vulnerabilities NOT checked"
            : "Vulnerabilities checked against " + database.toAbsolutePath());
    for (PolicyResult policy : report.policies()) {
      if (policy.status() != PolicyResult.Status.PASSED) {
        lines.add("");
        lines.addAll(policyLines(policy));
      }
    }
    lines.add("");
    if (!report.notes().isEmpty()) {
      lines.add(report.notes().size() + " note(s); -o json lists them");
    }
    lines.add(summary(report));
    lines.add(report.buildFails() ? "Build: FAILS" : "Build: passes");
    for (String line : lines) {
      out.write(line);
      out.write('\n');
    }
    out.flush();
  }

  private static String imageLine(ImageCheckReport report) {
    CheckedImage image = report.image();
    StringBuilder line = new StringBuilder("Image ").append(shown(image.reference()));
    if (!image.name().fullName().equals(image.reference())) {
      line.append(" as ").append(shown(image.name().fullName()));
    }
    if (image.digest() != null) {
      line.append("  ").append(image.digest());
    }
    if (report.os() != null) {
      line.append("  ").append(shown(report.os()));
    }
    return line.toString();
  }

  private static List<String> policyLines(PolicyResult policy) {
    String status =
        switch (policy.status()) {
          case VIOLATED -> policy.failsBuild() ? FAILS_BUILD : VIOLATED;
          case NOT_EVALUATED -> NOT_EVALUATED;
          case PASSED -> "PASSED";
        };
    List<String> lines = new ArrayList<>();
    lines.add(
        pad(status, STATUS_WIDTH)
            + "  "
            + pad(policy.policy().severity().name(), SEVERITY_WIDTH)
            + "  "
            + shown(policy.policy().name())
            + (policy.enforced() ? "  (FAIL_BUILD)" : ""));
    if (policy.status() == PolicyResult.Status.NOT_EVALUATED) {
      lines.add("  " + shown(policy.reason()));
    }
    for (ImageViolation violation : policy.violations()) {
      WaiverInfo waiver = violation.waiver();
      lines.add(
          "  "
              + shown(violation.message())
              + (waiver == null ? "" : "  WAIVED: " + shown(waiver.reason())));
    }
    return lines;
  }

  private static String summary(ImageCheckReport report) {
    int policies = report.policies().size();
    return "%d build %s: %d violated (%d %s the build), %d not evaluated, %d passed"
        .formatted(
            policies,
            policies == 1 ? "policy" : "policies",
            report.count(PolicyResult.Status.VIOLATED),
            report.failing(),
            report.failing() == 1 ? "fails" : "fail",
            report.count(PolicyResult.Status.NOT_EVALUATED),
            report.count(PolicyResult.Status.PASSED));
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(Math.max(0, width - text.length()));
  }

  /** Control characters as {@code \\uXXXX}, so that image metadata cannot drive the terminal. */
  static String shown(String text) {
    StringBuilder shown = new StringBuilder(text.length());
    text.codePoints()
        .forEach(codePoint -> {
          if (Character.isISOControl(codePoint)) {
            shown.append(String.format(Locale.ROOT, "\\u%04X", codePoint));
          } else {
            shown.appendCodePoint(codePoint);
          }
        });
    return shown.toString();
  }
}
