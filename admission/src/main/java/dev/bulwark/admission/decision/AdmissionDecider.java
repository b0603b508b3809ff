package dev.bulwark.admission.decision;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.admission.images.MissingImageData;
import dev.bulwark.admission.review.AdmissionRequest;
import dev.bulwark.admission.review.InvalidReviewException;
import dev.bulwark.admission.review.Operation;
import dev.bulwark.core.context.ClusterContext;
import dev.bulwark.core.image.ImageDataProvider;
import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.Location;
import dev.bulwark.core.manifest.ManifestError;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.ManifestReader;
import dev.bulwark.core.manifest.ReadLimits;
import dev.bulwark.core.workload.Workload;
import dev.bulwark.core.workload.WorkloadExtractor;
import dev.bulwark.policy.engine.CompiledPolicySet;
import dev.bulwark.policy.engine.EvaluationInput;
import dev.bulwark.policy.engine.PolicyOutcome;
import dev.bulwark.policy.engine.Violation;
import dev.bulwark.policy.kubeevent.KubeEvent;
import dev.bulwark.policy.kubeevent.KubeEventMatch;
import dev.bulwark.policy.kubeevent.KubeEventPolicies;
import dev.bulwark.policy.model.EnforcementAction;
import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.Policy;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides admission requests with the policy engine, exactly as {@code bulwark check} evaluates a
 * one-object input: the same reader, workload extraction, context and policies, at the deploy
 * stage. Only policies enforced for the request's operation block; the rest warn. On UPDATE, a
 * violation the stored object already had only warns, so that unrelated changes to an old object
 * are not blocked. Immutable and thread-safe.
 */
public final class AdmissionDecider {
  private final CompiledPolicySet policies;
  private final AdmissionSettings settings;

  /** One reader for every request: it is thread-safe and its parsers are costly to set up. */
  private final ManifestReader reader;

  private final Clock clock;
  private final ImageDataProvider images;
  private final KubeEventPolicies podActions;

  /** A decider without image data: image policies are not evaluated. */
  public AdmissionDecider(
      CompiledPolicySet policies, AdmissionSettings settings, ReadLimits limits, Clock clock) {
    this(policies, settings, limits, clock, ImageDataProvider.NONE);
  }

  public AdmissionDecider(
      CompiledPolicySet policies,
      AdmissionSettings settings,
      ReadLimits limits,
      Clock clock,
      ImageDataProvider images) {
    this.policies = policies;
    this.settings = settings;
    this.reader = new ManifestReader(limits);
    this.clock = clock;
    this.images = images;
    this.podActions =
        KubeEventPolicies.of(
            policies.policies().stream().map(compiled -> compiled.policy()).toList());
  }

  /** How many policies the decider runs (enabled or not). */
  public int policyCount() {
    return policies.policies().size();
  }

  /**
   * The verdict on a CREATE or UPDATE of an object, or a CONNECT to a pod (exec, attach,
   * port-forward); DELETE is admitted without evaluation.
   *
   * @throws InvalidReviewException when the object cannot be read as a Kubernetes object
   */
  public Decision decide(AdmissionRequest request) throws InvalidReviewException {
    if (request.operation() == Operation.CONNECT) {
      return decideConnect(request);
    }
    ObjectNode json = request.object();
    if (json == null
        || (request.operation() != Operation.CREATE && request.operation() != Operation.UPDATE)) {
      return Decision.NOTHING_FOUND;
    }
    ManifestObject object = read(json, request, "object");
    List<Decision.Unevaluated> unevaluated = new ArrayList<>(0);
    List<PolicyFindings> violated = evaluate(object, request.operation(), unevaluated);
    if (violated.isEmpty() && unevaluated.isEmpty()) {
      return Decision.NOTHING_FOUND;
    }
    Set<String> before = new HashSet<>();
    ObjectNode old = request.oldObject();
    if (request.operation() == Operation.UPDATE && old != null) {
      for (PolicyFindings findings :
          evaluate(read(old, request, "oldObject"), request.operation(), new ArrayList<>())) {
        findings.violations().forEach(v -> before.add(key(findings.policy(), v)));
      }
    }
    List<PolicyFindings> blocking = new ArrayList<>();
    List<PolicyFindings> warned = new ArrayList<>();
    for (PolicyFindings findings : violated) {
      boolean introduced =
          findings.violations().stream()
              .anyMatch(violation -> !before.contains(key(findings.policy(), violation)));
      if (enforcedOn(findings.policy(), request.operation()) && introduced) {
        blocking.add(findings);
      } else {
        warned.add(findings);
      }
    }
    boolean failClosed = settings.missingImageData() == MissingImageData.FAIL_CLOSED;
    boolean denies = !blocking.isEmpty() || (failClosed && !unevaluated.isEmpty());
    return new Decision(blocking, warned, unevaluated, failClosed, denies && breakGlass(object));
  }

  /**
   * exec, attach and port-forward into a pod: runtime policies about pod actions, which deny with
   * FAIL_KUBE_REQUEST_ENFORCEMENT and warn otherwise. Other CONNECTs are admitted.
   */
  private Decision decideConnect(AdmissionRequest request) {
    KubeEvent.Resource resource = KubeEvent.Resource.ofSubresource(request.subResource());
    if (resource == null || !request.resource().equals("pods") || podActions.policies().isEmpty()) {
      return Decision.NOTHING_FOUND;
    }
    KubeEvent event =
        new KubeEvent(
            resource, request.namespace(), request.name(), request.username(), request.groups());
    List<PolicyFindings> blocking = new ArrayList<>();
    List<PolicyFindings> warned = new ArrayList<>();
    Location where =
        new Location(
            "pods/" + request.subResource() + " " + request.namespace() + "/" + request.name(),
            1,
            1);
    for (KubeEventMatch match : podActions.match(event, settings.cluster(), clock.instant())) {
      PolicyFindings findings =
          new PolicyFindings(
              match.policy(), List.of(new Violation(match.message(), FieldPath.ROOT, where, null)));
      (match.enforced() ? blocking : warned).add(findings);
    }
    return new Decision(blocking, warned, List.of(), false, false);
  }

  /** Deploy-stage enforcement that applies to the operation. */
  static boolean enforcedOn(Policy policy, Operation operation) {
    for (EnforcementAction action : policy.enforcementActions()) {
      switch (action) {
        case SCALE_TO_ZERO_ENFORCEMENT, UNSATISFIABLE_NODE_CONSTRAINT_ENFORCEMENT -> {
          return true;
        }
        case FAIL_DEPLOYMENT_CREATE_ENFORCEMENT -> {
          if (operation == Operation.CREATE) {
            return true;
          }
        }
        case FAIL_DEPLOYMENT_UPDATE_ENFORCEMENT -> {
          if (operation == Operation.UPDATE) {
            return true;
          }
        }
        default -> {
          // other stages: build (CI) and runtime (the sensor)
        }
      }
    }
    return false;
  }

  /**
   * The violated policies, unwaived violations only; enforced policies the engine could not judge
   * (image data missing) go to {@code unevaluated}.
   */
  private List<PolicyFindings> evaluate(
      ManifestObject object, Operation operation, List<Decision.Unevaluated> unevaluated) {
    Workload workload = WorkloadExtractor.extract(object).orElse(null);
    ClusterContext.Builder context = ClusterContext.builder();
    if (ClusterContext.isContextKind(object.kind())) {
      context.add(object);
    }
    EvaluationInput input =
        new EvaluationInput(
            object,
            workload,
            workload == null ? null : context.build().contextOf(workload),
            images,
            settings.cluster(),
            clock.instant());
    List<PolicyFindings> violated = new ArrayList<>();
    for (PolicyOutcome outcome : policies.evaluate(input, LifecycleStage.DEPLOY)) {
      if (outcome.status() == PolicyOutcome.Status.NOT_EVALUATED) {
        Policy policy = outcome.policy().policy();
        if (outcome.policy().requiresImageData() && enforcedOn(policy, operation)) {
          unevaluated.add(new Decision.Unevaluated(policy, outcome.reason()));
        }
        continue;
      }
      List<Violation> unwaived = outcome.unwaived();
      if (!unwaived.isEmpty()) {
        violated.add(new PolicyFindings(outcome.policy().policy(), unwaived));
      }
    }
    return violated;
  }

  private boolean breakGlass(ManifestObject object) {
    String annotation = settings.breakGlassAnnotation();
    if (annotation == null) {
      return false;
    }
    String value = object.annotations().get(annotation);
    return value != null && !value.isBlank();
  }

  /**
   * The object as the manifest reader reads a file, read straight from the review's tree (writing
   * it as JSON and parsing that again cost a fifth of the controller's CPU). The API server leaves
   * metadata.namespace out of objects created in the request's namespace; it is filled in so that
   * policies see it.
   */
  private ManifestObject read(ObjectNode json, AdmissionRequest request, String field)
      throws InvalidReviewException {
    ObjectNode copy = json;
    if (!request.namespace().isEmpty()
        && json.path("metadata").path("namespace").asText().isEmpty()) {
      copy = json.deepCopy();
      JsonNode metadata = copy.get("metadata");
      ObjectNode target =
          metadata instanceof ObjectNode existing ? existing : copy.putObject("metadata");
      target.put("namespace", request.namespace());
    }
    String name = request.kind() + " " + request.namespace() + "/" + request.name();
    ManifestReader.ReadResult found;
    try (JsonParser tokens = copy.traverse()) {
      found = reader.readJson(name, tokens);
    } catch (IOException e) {
      throw new IllegalStateException("closing a parser over a tree cannot fail", e);
    }
    List<ManifestObject> objects = found.objects();
    List<String> errors = found.errors().stream().map(ManifestError::message).toList();
    if (!errors.isEmpty() || objects.size() != 1) {
      throw new InvalidReviewException(
          "request." + field + " is not a Kubernetes object Bulwark can read: " + errors);
    }
    return objects.getFirst();
  }

  /** Identifies a violation across the old and the new object: policy, field and message. */
  private static String key(Policy policy, Violation violation) {
    return policy.id() + "\u0000" + violation.path() + "\u0000" + violation.message();
  }
}
