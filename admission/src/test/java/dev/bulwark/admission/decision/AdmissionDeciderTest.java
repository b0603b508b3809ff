package dev.bulwark.admission.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.admission.Reviews;
import dev.bulwark.admission.images.MissingImageData;
import dev.bulwark.admission.review.AdmissionRequest;
import dev.bulwark.admission.review.AdmissionReviews;
import dev.bulwark.admission.review.InvalidReviewException;
import dev.bulwark.admission.review.Operation;
import dev.bulwark.core.manifest.ReadLimits;
import dev.bulwark.policy.builtin.BuiltinPolicies;
import dev.bulwark.policy.engine.PolicyCompiler;
import dev.bulwark.policy.io.PolicyReader;
import dev.bulwark.policy.model.Policy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Verdicts of the built-in pack through the admission path. */
class AdmissionDeciderTest {
  private static final String PRIVILEGED = "{\"privileged\": true}";
  private static final String PLAIN = "{}";
  private static final AdmissionReviews REVIEWS = new AdmissionReviews();

  private final AdmissionDecider decider =
      decider(BuiltinPolicies.all(), AdmissionSettings.defaults());

  @Test
  void aCreateViolatingAnEnforcedPolicyIsBlockedAndTheRestWarns() throws InvalidReviewException {
    AdmissionRequest request = request("CREATE", Reviews.deployment("web", PRIVILEGED), null);

    Decision decision = decider.decide(request);

    assertThat(decision.allowed()).isFalse();
    assertThat(ids(decision.blocking())).containsExactly("privileged-container");
    assertThat(ids(decision.warned())).contains("privilege-escalation", "run-as-root");
    assertThat(DecisionMessages.denial(request, decision))
        .startsWith("Bulwark blocked this Deployment: it violates an enforced policy.")
        .contains("- Privileged container (privileged-container, HIGH):")
        .contains(
            "Container \"app\" is privileged"
                + " (spec.template.spec.containers[0].securityContext.privileged)")
        .contains("Fix: ");
    assertThat(DecisionMessages.warnings(decision, "x"))
        .allSatisfy(warning -> assertThat(warning).startsWith("Bulwark: ").hasSizeLessThan(241))
        .anySatisfy(warning -> assertThat(warning).contains("(run-as-root)"));
  }

  @Test
  void aCompliantCreateIsAdmitted() throws InvalidReviewException {
    Decision decision = decider.decide(request("CREATE", Reviews.deployment("web", PLAIN), null));

    assertThat(decision.allowed()).isTrue();
    assertThat(decision.blocking()).isEmpty();
  }

  @Test
  void onUpdateOnlyWhatTheChangeIntroducesBlocks() throws InvalidReviewException {
    Decision unchanged =
        decider.decide(
            request(
                "UPDATE",
                Reviews.deployment("web", PRIVILEGED),
                Reviews.deployment("web", PRIVILEGED)));
    Decision introduced =
        decider.decide(
            request(
                "UPDATE", Reviews.deployment("web", PRIVILEGED), Reviews.deployment("web", PLAIN)));

    assertThat(unchanged.allowed()).isTrue();
    assertThat(ids(unchanged.warned())).contains("privileged-container");
    assertThat(introduced.allowed()).isFalse();
    assertThat(ids(introduced.blocking())).containsExactly("privileged-container");
  }

  @Test
  void theBreakGlassAnnotationAdmitsAndIsReportedUnlessDisabled() throws InvalidReviewException {
    String object =
        Reviews.deployment("web", PRIVILEGED)
            .replace(
                "\"annotations\": {}",
                "\"annotations\": {\"admission.bulwark.dev/break-glass\": \"INC-1234\"}");

    Decision admitted = decider.decide(request("CREATE", object, null));
    Decision disabled =
        decider(BuiltinPolicies.all(), new AdmissionSettings(null, ""))
            .decide(request("CREATE", object, null));

    assertThat(admitted.allowed()).isTrue();
    assertThat(admitted.breakGlass()).isTrue();
    assertThat(ids(admitted.blocking())).containsExactly("privileged-container");
    assertThat(DecisionMessages.warnings(admitted, "admission.bulwark.dev/break-glass").getFirst())
        .contains("break-glass annotation admission.bulwark.dev/break-glass");
    assertThat(disabled.allowed()).isFalse();
  }

  @Test
  void aWaiverAnnotationIsHonoured() throws InvalidReviewException {
    String object =
        Reviews.deployment("web", PRIVILEGED)
            .replace(
                "\"annotations\": {}",
                "\"annotations\": {\"ignore-check.bulwark.dev/privileged-container\": \"CNI"
                    + " agent\"}");

    Decision decision = decider.decide(request("CREATE", object, null));

    assertThat(decision.allowed()).isTrue();
    assertThat(ids(decision.warned())).doesNotContain("privileged-container");
  }

  @Test
  void theRequestNamespaceIsTheObjectsWhenItNamesNone() throws InvalidReviewException {
    AdmissionDecider withDefaultNamespace =
        decider(
            BuiltinPolicies.all().stream()
                .filter(policy -> policy.id().equals("default-namespace"))
                .toList(),
            AdmissionSettings.defaults());

    Decision inDefault =
        withDefaultNamespace.decide(
            request("CREATE", Reviews.deployment("web", PLAIN), null, "default"));
    Decision inShop =
        withDefaultNamespace.decide(
            request("CREATE", Reviews.deployment("web", PLAIN), null, "shop"));

    assertThat(ids(inDefault.warned())).containsExactly("default-namespace");
    assertThat(inShop.warned()).isEmpty();
  }

  @Test
  void failDeploymentCreateAndUpdateHonourTheOperation() {
    Policy create = enforced("FAIL_DEPLOYMENT_CREATE_ENFORCEMENT");
    Policy update = enforced("FAIL_DEPLOYMENT_UPDATE_ENFORCEMENT");
    Policy scale = enforced("SCALE_TO_ZERO_ENFORCEMENT");
    Policy build = enforced("FAIL_BUILD_ENFORCEMENT");

    assertThat(AdmissionDecider.enforcedOn(create, Operation.CREATE)).isTrue();
    assertThat(AdmissionDecider.enforcedOn(create, Operation.UPDATE)).isFalse();
    assertThat(AdmissionDecider.enforcedOn(update, Operation.CREATE)).isFalse();
    assertThat(AdmissionDecider.enforcedOn(update, Operation.UPDATE)).isTrue();
    assertThat(AdmissionDecider.enforcedOn(scale, Operation.UPDATE)).isTrue();
    assertThat(AdmissionDecider.enforcedOn(build, Operation.CREATE)).isFalse();
  }

  @Test
  void enforcedImagePoliciesWithoutImageDataWarnOrDenyAsConfigured() throws InvalidReviewException {
    Policy oldImages =
        PolicyReader.parse(
                """
                {"id": "old-image", "name": "Old image", "severity": "HIGH_SEVERITY",
                 "lifecycleStages": ["DEPLOY"], "categories": ["Vulnerability Management"],
                 "enforcementActions": ["FAIL_DEPLOYMENT_CREATE_ENFORCEMENT"],
                 "policySections": [{"policyGroups": [{"fieldName": "Image Age",
                   "values": [{"value": "90"}]}]}]}
                """,
                "old.json")
            .getFirst();
    AdmissionRequest request = request("CREATE", Reviews.deployment("web", PLAIN), null);

    Decision open = decider(List.of(oldImages), AdmissionSettings.defaults()).decide(request);
    Decision closed =
        decider(List.of(oldImages), new AdmissionSettings(null, "", MissingImageData.FAIL_CLOSED))
            .decide(request);

    assertThat(open.allowed()).isTrue();
    assertThat(open.unevaluated())
        .extracting(found -> found.policy().id())
        .containsExactly("old-image");
    assertThat(DecisionMessages.warnings(open, null))
        .singleElement()
        .satisfies(warning ->
            assertThat(warning).contains("(old-image) not evaluated").contains("fails open"));
    assertThat(closed.allowed()).isFalse();
    assertThat(DecisionMessages.denial(request, closed))
        .contains("Old image (old-image): could not be evaluated")
        .contains("fails closed");
  }

  @Test
  void execIntoAPodIsDeniedByAFailKubeRequestPolicyAndWarnedByOthers()
      throws InvalidReviewException {
    List<Policy> policies =
        PolicyReader.parse(
            """
            {"policies": [{"id": "no-exec", "name": "No exec", "severity": "HIGH_SEVERITY",
              "remediation": "Debug with kubectl debug and an ephemeral container instead.",
              "lifecycleStages": ["RUNTIME"], "eventSource": "DEPLOYMENT_EVENT",
              "categories": ["Kubernetes Events"],
              "enforcementActions": ["FAIL_KUBE_REQUEST_ENFORCEMENT"],
              "policySections": [{"policyGroups": [{"fieldName": "Kubernetes Resource",
                "values": [{"value": "PODS_EXEC"}]}]}]},
             {"id": "forward-alert", "name": "Port forward", "severity": "LOW_SEVERITY",
              "lifecycleStages": ["RUNTIME"], "eventSource": "DEPLOYMENT_EVENT",
              "categories": ["Kubernetes Events"],
              "policySections": [{"policyGroups": [{"fieldName": "Kubernetes Resource",
                "values": [{"value": "PODS_PORTFORWARD"}]}]}]}]}
            """,
            "runtime.json");
    AdmissionDecider runtime = decider(policies, AdmissionSettings.defaults());
    AdmissionRequest exec = connect("exec");

    Decision execDecision = runtime.decide(exec);
    Decision forward = runtime.decide(connect("portforward"));
    Decision attach = runtime.decide(connect("attach"));

    assertThat(execDecision.allowed()).isFalse();
    assertThat(DecisionMessages.denial(exec, execDecision))
        .isEqualTo(
            "Bulwark blocked this exec into pod shop/web-1: it violates an enforced policy.\n"
                + "- No exec (no-exec, HIGH):\n"
                + "    alice wants to exec into pod shop/web-1\n"
                + "    Fix: Debug with kubectl debug and an ephemeral container instead.");
    assertThat(forward.allowed()).isTrue();
    assertThat(ids(forward.warned())).containsExactly("forward-alert");
    assertThat(attach).isEqualTo(Decision.NOTHING_FOUND);
  }

  private static AdmissionRequest connect(String subresource) throws InvalidReviewException {
    String body =
        """
        {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
         "request": {"uid": "u-%s", "kind": {"group": "", "version": "v1", "kind": "PodExecOptions"},
          "resource": {"group": "", "version": "v1", "resource": "pods"}, "subResource": "%s",
          "name": "web-1", "namespace": "shop", "operation": "CONNECT",
          "userInfo": {"username": "alice", "groups": ["system:authenticated"]},
          "object": {"kind": "PodExecOptions", "apiVersion": "v1", "command": ["sh"]}}}
        """
            .formatted(subresource, subresource);
    return REVIEWS.read(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void deletesAreAdmittedWithoutEvaluation() throws InvalidReviewException {
    Decision delete =
        decider.decide(request("DELETE", Reviews.deployment("web", PRIVILEGED), null));

    assertThat(delete).isEqualTo(Decision.NOTHING_FOUND);
  }

  private static Policy enforced(String action) {
    String json =
        """
        {"id": "p", "name": "Privileged", "severity": "HIGH_SEVERITY",
         "lifecycleStages": ["DEPLOY"], "categories": ["Security Best Practices"],
         "enforcementActions": ["%s"],
         "policySections": [{"policyGroups": [{"fieldName": "Privileged Container",
           "values": [{"value": "true"}]}]}]}
        """
            .formatted(action);
    return PolicyReader.parse(json, "test.json").getFirst();
  }

  private static AdmissionDecider decider(List<Policy> policies, AdmissionSettings settings) {
    return new AdmissionDecider(
        PolicyCompiler.compile(policies, List.of()),
        settings,
        ReadLimits.DEFAULT,
        Clock.fixed(Instant.parse("2026-11-26T00:00:00Z"), ZoneOffset.UTC));
  }

  private static AdmissionRequest request(String operation, String object, @Nullable String old)
      throws InvalidReviewException {
    return request(operation, object, old, "shop");
  }

  private static AdmissionRequest request(
      String operation, String object, @Nullable String old, String namespace)
      throws InvalidReviewException {
    return REVIEWS.read(Reviews.review(operation, namespace, object, old));
  }

  private static List<String> ids(List<PolicyFindings> findings) {
    return findings.stream().map(found -> found.policy().id()).toList();
  }
}
