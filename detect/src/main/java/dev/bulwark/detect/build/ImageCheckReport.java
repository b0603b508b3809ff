package dev.bulwark.detect.build;

import dev.bulwark.detect.report.Finding;
import dev.bulwark.detect.report.NotEvaluated;
import dev.bulwark.detect.report.ObjectRef;
import dev.bulwark.detect.report.ObjectResult;
import dev.bulwark.detect.report.PolicyInfo;
import dev.bulwark.detect.report.Report;
import dev.bulwark.detect.report.ReportNote;
import dev.bulwark.detect.report.Summary;
import dev.bulwark.policy.model.Policy;
import dev.bulwark.scanner.analyzer.Note;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything one image check found, in the order the outputs show it.
 *
 * @param toolVersion the bulwark version that produced the report
 * @param image the image and the name policies saw
 * @param os the operating system the scan found, as {@code id:version}; null when none
 * @param database the vulnerability database the packages were checked against; null when they were
 *     not checked
 * @param policies every build policy evaluated, in policy order
 * @param notes what the scan and the vulnerability lookup skipped
 */
public record ImageCheckReport(
    String toolVersion,
    CheckedImage image,
    @Nullable String os,
    @Nullable Path database,
    List<PolicyResult> policies,
    List<Note> notes) {
  public ImageCheckReport {
    policies = List.copyOf(policies);
    notes = List.copyOf(notes);
  }

  /** True when a violated policy with FAIL_BUILD_ENFORCEMENT fails the build. */
  public boolean buildFails() {
    return policies.stream().anyMatch(PolicyResult::failsBuild);
  }

  /** The number of policies with this status. */
  public int count(PolicyResult.Status status) {
    return (int) policies.stream().filter(policy -> policy.status() == status).count();
  }

  /** The number of policies that fail the build. */
  public int failing() {
    return (int) policies.stream().filter(PolicyResult::failsBuild).count();
  }

  /**
   * This check in the report model of {@code bulwark check}, for its SARIF and JUnit writers: the
   * image is the one object (kind {@code Image}, file = the reference), every build policy takes
   * part (enforced = FAIL_BUILD), and a violation blocks when its policy fails the build.
   */
  public Report asCheckReport() {
    String reference = image.reference();
    List<PolicyInfo> infos = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    List<NotEvaluated> notEvaluated = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (PolicyResult result : policies) {
      Policy policy = result.policy();
      ids.add(policy.id());
      infos.add(
          new PolicyInfo(
              policy.id(),
              policy.name(),
              policy.severity(),
              policy.description(),
              policy.rationale(),
              policy.remediation(),
              policy.categories(),
              policy.controls(),
              result.enforced()));
      if (result.status() == PolicyResult.Status.NOT_EVALUATED) {
        notEvaluated.add(new NotEvaluated(policy.name(), policy.id(), result.reason()));
      }
      for (ImageViolation violation : result.violations()) {
        findings.add(
            new Finding(
                policy.name(),
                policy.id(),
                policy.severity(),
                violation.message(),
                reference,
                0,
                0,
                "",
                result.enforced() && !violation.waived(),
                violation.waived(),
                violation.waiver(),
                policy.controls()));
      }
    }
    ObjectRef object = new ObjectRef("", "Image", null, image.name().fullName(), reference, 0);
    List<ObjectResult> results = List.of(new ObjectResult(object, findings, notEvaluated, ids));
    List<ReportNote> reportNotes = new ArrayList<>();
    for (Note note : notes) {
      // The path is inside the image, not a file of the repository a SARIF log describes.
      reportNotes.add(new ReportNote("", 0, note.path() + ": " + note.reason()));
    }
    return new Report(
        toolVersion,
        infos,
        results,
        Summary.of(results, List.of()),
        List.of(),
        reportNotes,
        List.of());
  }
}
