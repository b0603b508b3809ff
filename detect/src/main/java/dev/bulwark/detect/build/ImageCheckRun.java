package dev.bulwark.detect.build;

import dev.bulwark.core.image.ImageData;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.ManifestReader;
import dev.bulwark.core.manifest.ManifestSource;
import dev.bulwark.core.manifest.ReadLimits;
import dev.bulwark.core.workload.Container;
import dev.bulwark.core.workload.ImageRef;
import dev.bulwark.core.workload.Workload;
import dev.bulwark.core.workload.WorkloadExtractor;
import dev.bulwark.detect.report.WaiverInfo;
import dev.bulwark.policy.engine.CompiledPolicySet;
import dev.bulwark.policy.engine.EvaluationInput;
import dev.bulwark.policy.engine.PolicyOutcome;
import dev.bulwark.policy.engine.Violation;
import dev.bulwark.policy.engine.Waiver;
import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.Policy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates build policies against one image with the policy engine, the way the engine evaluates a
 * container at build time: the image is the one container of a workload that has nothing else (no
 * namespace, no labels, no deployment settings), and the engine's image data provider answers the
 * scan's data for it. Stateless.
 */
public final class ImageCheckRun {
  /** The name of the one container; messages name the image instead (see {@link #message}). */
  private static final String CONTAINER = "image";

  private static final String POD =
      "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"image\"},"
          + " \"spec\": {\"containers\": [{\"name\": \""
          + CONTAINER
          + "\"}]}}";

  private static final String OBJECTS_ONLY_REASON =
      "its criteria are CEL rules or native checks, which read Kubernetes objects, not images";

  private ImageCheckRun() {}

  /**
   * The result of every plan, in plan order.
   *
   * @param compiled the compiled {@link BuildPolicy#criteria()} of the plans, with the exceptions
   *     that may waive violations (those naming images apply)
   * @param now the instant ages and expiries are judged against
   */
  public static List<PolicyResult> evaluate(
      List<BuildPolicy> plans,
      CompiledPolicySet compiled,
      CheckedImage image,
      ImageData data,
      Instant now) {
    Map<Policy, PolicyOutcome> outcomes = new IdentityHashMap<>();
    for (PolicyOutcome outcome :
        compiled.evaluate(input(image.name(), data, now), LifecycleStage.BUILD)) {
      outcomes.put(outcome.policy().policy(), outcome);
    }
    List<PolicyResult> results = new ArrayList<>(plans.size());
    for (BuildPolicy plan : plans) {
      results.add(result(plan, outcomes, image.name()));
    }
    return List.copyOf(results);
  }

  /** The engine's outcome for the plan's criteria: violated, not evaluated (with why) or passed. */
  private static PolicyResult result(
      BuildPolicy plan, Map<Policy, PolicyOutcome> outcomes, ImageRef image) {
    Policy criteria = plan.criteria();
    if (criteria == null) {
      return PolicyResult.notEvaluated(plan.policy(), OBJECTS_ONLY_REASON);
    }
    PolicyOutcome outcome = outcomes.get(criteria);
    if (outcome == null) {
      return PolicyResult.passed(plan.policy());
    }
    if (outcome.status() == PolicyOutcome.Status.NOT_EVALUATED) {
      return PolicyResult.notEvaluated(plan.policy(), outcome.reason());
    }
    List<ImageViolation> violations = new ArrayList<>();
    for (Violation violation : outcome.violations()) {
      violations.add(new ImageViolation(message(violation.message(), image), waiver(violation)));
    }
    return new PolicyResult(plan.policy(), PolicyResult.Status.VIOLATED, violations, "");
  }

  /**
   * The engine's message about the one container, about the image instead: {@code Image "x" of
   * container "image" has ...} and {@code Container "image" uses ...} both become {@code Image "x"
   * ...}, since the container is only how the engine is handed the image.
   */
  public static String message(String message, ImageRef image) {
    String quoted = quote(image.fullName());
    return message
        .replace(" of container " + quote(CONTAINER), "")
        .replace("Container " + quote(CONTAINER), "Image " + quoted);
  }

  // As the engine quotes names in messages.
  private static String quote(String text) {
    return '"' + text.replace("\"", "\\\"") + '"';
  }

  private static @Nullable WaiverInfo waiver(Violation violation) {
    Waiver waiver = violation.waiver();
    if (waiver == null) {
      return null;
    }
    return new WaiverInfo(
        waiver.kind() == Waiver.Kind.EXCEPTION ? WaiverInfo.EXCEPTION : WaiverInfo.ANNOTATION,
        waiver.name(),
        waiver.reason(),
        waiver.owner(),
        waiver.ticket(),
        waiver.expires() == null ? null : waiver.expires().toString());
  }

  /**
   * A pod with one container whose image is {@code image}, in no namespace and with no labels or
   * annotations, so that only exceptions naming images (or nothing) can cover it.
   */
  private static EvaluationInput input(ImageRef image, ImageData data, Instant now) {
    ManifestObject pod =
        new ManifestReader(ReadLimits.DEFAULT)
            .readAll(ManifestSource.TextSource.direct(image.fullName(), POD))
            .objects()
            .getFirst();
    Workload workload = WorkloadExtractor.extract(pod).orElseThrow();
    Container container = workload.containers().getFirst();
    Container imageContainer =
        new Container(
            container.name(),
            container.type(),
            image,
            container.securityContext(),
            container.resources(),
            container.ports(),
            container.env(),
            container.volumeMounts(),
            container.probes(),
            container.imagePullPolicy(),
            container.path());
    Workload imageWorkload =
        new Workload(
            pod,
            workload.kind(),
            "",
            "",
            Map.of(),
            Map.of(),
            Map.of(),
            Map.of(),
            workload.podSpecPath(),
            workload.replicas(),
            false,
            false,
            false,
            workload.serviceAccountName(),
            workload.automountServiceAccountToken(),
            workload.podAutomountServiceAccountToken(),
            null,
            List.of(),
            List.of(imageContainer),
            Map.of(),
            List.of());
    return new EvaluationInput(pod, imageWorkload, null, reference -> Optional.of(data), "", now);
  }
}
