package dev.bulwark.admission.decision;

import dev.bulwark.admission.review.AdmissionRequest;
import dev.bulwark.admission.review.Operation;
import dev.bulwark.policy.engine.Violation;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What people read in kubectl's output: the denial message, listing every violated enforced policy
 * with its violations and remediation, and one warning per other violated policy.
 */
public final class DecisionMessages {
  /** kubectl prints each warning on one line; the API server drops overly long ones. */
  static final int MAX_WARNING_LENGTH = 240;

  static final int MAX_WARNINGS = 20;

  private DecisionMessages() {}

  public static String denial(AdmissionRequest request, Decision decision) {
    StringBuilder out = new StringBuilder();
    int count =
        decision.blocking().size() + (decision.failClosed() ? decision.unevaluated().size() : 0);
    out.append("Bulwark blocked this ")
        .append(subject(request))
        .append(": it violates ")
        .append(count == 1 ? "an enforced policy" : count + " enforced policies")
        .append('.');
    for (PolicyFindings findings : decision.blocking()) {
      out.append("\n- ")
          .append(findings.policy().name())
          .append(" (")
          .append(findings.policy().id())
          .append(", ")
          .append(findings.policy().severity().name())
          .append("):");
      for (Violation violation : findings.violations()) {
        out.append("\n    ").append(violation.message());
        if (!violation.path().isRoot()) {
          out.append(" (").append(violation.path()).append(')');
        }
      }
      String remediation = findings.policy().remediation();
      if (!remediation.isBlank()) {
        out.append("\n    Fix: ").append(remediation.strip());
      }
    }
    if (decision.failClosed()) {
      for (Decision.Unevaluated policy : decision.unevaluated()) {
        out.append("\n- ")
            .append(policy.policy().name())
            .append(" (")
            .append(policy.policy().id())
            .append("): could not be evaluated (")
            .append(policy.reason())
            .append("), and missing image data fails closed");
      }
    }
    return out.toString();
  }

  private static String subject(AdmissionRequest request) {
    return request.operation() == Operation.CONNECT
        ? request.subResource() + " into pod " + request.namespace() + "/" + request.name()
        : request.kind();
  }

  /**
   * Warnings for the policies that warn, and for break-glass admissions the policies that would
   * have denied, capped at {@link #MAX_WARNINGS}.
   */
  public static List<String> warnings(Decision decision, @Nullable String breakGlassAnnotation) {
    List<String> warnings = new ArrayList<>();
    if (decision.breakGlass()) {
      warnings.add(
          shorten(
              "Bulwark: admitted by the break-glass annotation "
                  + breakGlassAnnotation
                  + " although enforced policies are violated; this is recorded"));
      decision.blocking().forEach(findings -> warnings.add(warning(findings)));
    }
    decision.warned().forEach(findings -> warnings.add(warning(findings)));
    if (!decision.failClosed()) {
      for (Decision.Unevaluated policy : decision.unevaluated()) {
        warnings.add(
            shorten(
                "Bulwark: "
                    + policy.policy().name()
                    + " ("
                    + policy.policy().id()
                    + ") not evaluated: "
                    + policy.reason()
                    + "; admitted (missing image data fails open)"));
      }
    }
    if (warnings.size() > MAX_WARNINGS) {
      int more = warnings.size() - MAX_WARNINGS + 1;
      List<String> capped = new ArrayList<>(warnings.subList(0, MAX_WARNINGS - 1));
      capped.add("Bulwark: " + more + " more policies violated");
      return capped;
    }
    return warnings;
  }

  private static String warning(PolicyFindings findings) {
    List<Violation> violations = findings.violations();
    String text =
        "Bulwark: "
            + findings.policy().name()
            + " ("
            + findings.policy().id()
            + "): "
            + violations.getFirst().message()
            + (violations.size() > 1 ? " (and " + (violations.size() - 1) + " more)" : "");
    return shorten(text);
  }

  private static String shorten(String text) {
    String line = text.replace('\n', ' ');
    return line.length() <= MAX_WARNING_LENGTH
        ? line
        : line.substring(0, MAX_WARNING_LENGTH - 3) + "...";
  }
}
