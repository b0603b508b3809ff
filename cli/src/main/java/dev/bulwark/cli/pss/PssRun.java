package dev.bulwark.cli.pss;

import dev.bulwark.core.manifest.Location;
import dev.bulwark.core.manifest.ManifestError;
import dev.bulwark.core.manifest.ManifestNote;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.ManifestReader;
import dev.bulwark.core.manifest.ManifestSink;
import dev.bulwark.core.manifest.ManifestSource;
import dev.bulwark.core.workload.Workload;
import dev.bulwark.core.workload.WorkloadExtractor;
import dev.bulwark.detect.report.ObjectRef;
import dev.bulwark.detect.report.ReportError;
import dev.bulwark.detect.report.ReportNote;
import dev.bulwark.policy.pss.LevelVersion;
import dev.bulwark.policy.pss.PodDefinition;
import dev.bulwark.policy.pss.PodSecurityStandards;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads every source and evaluates each object with a pod spec at one level and version. Sources
 * are read in parallel; results keep the input order.
 */
final class PssRun {
  private final ManifestReader reader;
  private final LevelVersion policy;

  PssRun(ManifestReader reader, LevelVersion policy) {
    this.reader = reader;
    this.policy = policy;
  }

  PssReport run(String toolVersion, List<ManifestSource> sources, List<ManifestError> inputErrors) {
    List<SourceResult> perSource = sources.parallelStream().map(this::evaluate).toList();
    List<PodVerdict> results = new ArrayList<>();
    List<ReportError> errors = new ArrayList<>();
    List<ReportNote> notes = new ArrayList<>();
    inputErrors.forEach(error -> errors.add(toReportError(error)));
    for (SourceResult result : perSource) {
      results.addAll(result.verdicts());
      errors.addAll(result.errors());
      notes.addAll(result.notes());
    }
    return new PssReport(toolVersion, policy, results, errors, notes);
  }

  private SourceResult evaluate(ManifestSource source) {
    SourceResult result = new SourceResult(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    reader.read(
        source,
        new ManifestSink() {
          @Override
          public void object(ManifestObject object) {
            WorkloadExtractor.extract(object)
                .ifPresent(workload -> result.verdicts().add(verdict(workload)));
          }

          @Override
          public void error(ManifestError error) {
            result.errors().add(toReportError(error));
          }

          @Override
          public void note(ManifestNote note) {
            result.notes().add(new ReportNote(note.file(), note.line(), note.message()));
          }
        });
    return result;
  }

  private PodVerdict verdict(Workload workload) {
    ManifestObject object = workload.object();
    Location location = object.location();
    ObjectRef ref =
        new ObjectRef(
            object.apiVersion(),
            object.kind(),
            workload.namespace(),
            object.name(),
            location.file(),
            location.line());
    return new PodVerdict(ref, PodSecurityStandards.evaluate(PodDefinition.of(workload), policy));
  }

  private static ReportError toReportError(ManifestError error) {
    return new ReportError(error.file(), error.line(), error.column(), error.message());
  }

  private record SourceResult(
      List<PodVerdict> verdicts, List<ReportError> errors, List<ReportNote> notes) {}
}
