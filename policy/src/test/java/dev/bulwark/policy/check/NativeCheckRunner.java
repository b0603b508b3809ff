package dev.bulwark.policy.check;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.workload.Container;
import dev.bulwark.core.workload.Workload;
import dev.bulwark.core.workload.WorkloadExtractor;
import dev.bulwark.policy.engine.TestYaml;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Binds a registered check and runs it on one YAML object, the way the engine does. */
final class NativeCheckRunner {
  private NativeCheckRunner() {}

  /** One violation: the message and the line of the field it points at. */
  record Finding(String message, FieldPath path, int line) {}

  static List<Finding> run(String check, Map<String, String> parameters, String yaml)
      throws InvalidCheckParameterException {
    ManifestObject object = TestYaml.object(yaml);
    Workload workload = WorkloadExtractor.extract(object).orElse(null);
    List<Finding> findings = new ArrayList<>();
    Findings sink =
        (message, path) -> findings.add(new Finding(message, path, object.locate(path).line()));
    CheckEvaluator evaluator = NativeChecks.byId(check).orElseThrow().bind(parameters);
    if (evaluator instanceof CheckEvaluator.PerObject perObject) {
      perObject.evaluate(object, workload, sink);
    } else if (evaluator instanceof CheckEvaluator.PerContainer perContainer && workload != null) {
      for (Container container : workload.containers()) {
        perContainer.evaluate(container, workload, sink);
      }
    }
    return findings;
  }

  static List<String> messages(String check, Map<String, String> parameters, String yaml)
      throws InvalidCheckParameterException {
    return run(check, parameters, yaml).stream().map(Finding::message).toList();
  }
}
