package dev.bulwark.policy.check;

import dev.bulwark.core.context.InputIndex;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.ManifestReader;
import dev.bulwark.core.manifest.ManifestSource;
import dev.bulwark.core.manifest.ReadLimits;
import dev.bulwark.core.workload.Workload;
import dev.bulwark.core.workload.WorkloadExtractor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one native check over a whole multi-document input the way the engine does: every object is
 * evaluated (or deferred) in order, the input index is built from every object, and the deferred
 * parts are judged at the end.
 */
final class CheckHarness {
  static final String FILE = "input.yaml";

  private CheckHarness() {}

  /** One violation: the object it is reported on, what it says, the field and its line. */
  record Found(String object, String message, String path, int line) {}

  static List<Found> run(NativeCheck check, String yaml) {
    return run(check, Map.of(), yaml);
  }

  static List<Found> run(NativeCheck check, Map<String, String> parameters, String yaml) {
    CheckEvaluator evaluator;
    try {
      evaluator = check.bind(parameters);
    } catch (InvalidCheckParameterException e) {
      throw new AssertionError(e);
    }
    InputIndex.Builder index = InputIndex.builder();
    List<Found> found = new ArrayList<>();
    List<Runnable> judgements = new ArrayList<>();
    List<InputIndex> built = new ArrayList<>(1);
    for (ManifestObject object : objects(yaml)) {
      Workload workload = WorkloadExtractor.extract(object).orElse(null);
      index.add(object, workload);
      String name = object.name();
      switch (evaluator) {
        case CheckEvaluator.PerObject perObject ->
            perObject.evaluate(
                object,
                workload,
                (message, path) ->
                    found.add(
                        new Found(name, message, path.toString(), object.locate(path).line())));
        case CheckEvaluator.PerContainer perContainer -> {
          if (workload != null) {
            workload
                .containers()
                .forEach(container ->
                    perContainer.evaluate(
                        container,
                        workload,
                        (message, path) ->
                            found.add(
                                new Found(
                                    name, message, path.toString(), object.locate(path).line()))));
          }
        }
        case CheckEvaluator.AcrossInput acrossInput -> {
          CheckEvaluator.Deferred deferred = acrossInput.defer(object, workload);
          if (deferred != null) {
            judgements.add(() ->
                deferred.judge(
                    built.get(0),
                    (message, field) ->
                        found.add(
                            new Found(
                                name, message, field.path().toString(), field.location().line()))));
          }
        }
      }
    }
    built.add(index.build());
    judgements.forEach(Runnable::run);
    return found;
  }

  static List<ManifestObject> objects(String yaml) {
    return objects(ManifestSource.TextSource.direct(FILE, yaml));
  }

  /** Every object of the source; a document Bulwark cannot read fails the test. */
  static List<ManifestObject> objects(ManifestSource source) {
    ManifestReader.ReadResult found = new ManifestReader(ReadLimits.DEFAULT).readAll(source);
    if (!found.errors().isEmpty()) {
      throw new AssertionError("bad test input: " + source.displayName() + ": " + found.errors());
    }
    return found.objects();
  }
}
