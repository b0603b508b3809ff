package dev.bulwark.policy.engine;

import static dev.bulwark.policy.engine.TestPolicies.group;
import static dev.bulwark.policy.engine.TestPolicies.policy;
import static dev.bulwark.policy.engine.TestWorkloads.NOW;
import static dev.bulwark.policy.engine.TestWorkloads.container;
import static dev.bulwark.policy.engine.TestWorkloads.input;
import static dev.bulwark.policy.engine.TestWorkloads.workload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.workload.Workload;
import dev.bulwark.policy.engine.TestWorkloads.WorkloadBuilder;
import dev.bulwark.policy.exception.PolicyException;
import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.Policy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Inline annotations and exceptions waive violations without hiding them. */
class WaiverTest {
  private static final String POLICY_ID = "5a1b2c3d-0000-4000-8000-000000000001";
  private static final Policy LATEST_TAG =
      policy("Latest tag: no!")
          .id(POLICY_ID)
          .categories("DevOps Best Practices")
          .section(group("Image Tag", "latest"))
          .build();

  @Test
  void annotationWithThePolicyIdWaivesTheViolationButKeepsIt() {
    Workload annotated =
        latest()
            .annotation("ignore-check.bulwark.dev/" + POLICY_ID, "pinned by digest at deploy")
            .build();

    Violation violation = onlyViolation(evaluate(List.of(), annotated));

    assertThat(violation.message()).isEqualTo("Container \"app\" uses image tag \"latest\"");
    assertThat(violation.waiver())
        .isEqualTo(
            new Waiver(
                Waiver.Kind.ANNOTATION,
                "ignore-check.bulwark.dev/" + POLICY_ID,
                "pinned by digest at deploy",
                null,
                null,
                null));
  }

  @Test
  void annotationWithThePolicyNameSlugWaivesTheViolation() {
    Workload annotated =
        latest().annotation("ignore-check.bulwark.dev/latest-tag-no", "demo").build();

    assertThat(onlyViolation(evaluate(List.of(), annotated)).waived()).isTrue();
  }

  @Test
  void annotationForAnotherPolicyDoesNotWaive() {
    Workload annotated = latest().annotation("ignore-check.bulwark.dev/privileged", "x").build();

    assertThat(onlyViolation(evaluate(List.of(), annotated)).waived()).isFalse();
  }

  @Test
  void slugLowersCaseAndCollapsesOtherCharactersIntoDashes() {
    assertThat(PolicyProgram.slug("Latest tag: no!")).isEqualTo("latest-tag-no");
    assertThat(PolicyProgram.slug("Docker CIS 5.9 and 5.20: host network"))
        .isEqualTo("docker-cis-5-9-and-5-20-host-network");
  }

  @Test
  void exceptionNamingThePolicyWaivesWithItsOwnerTicketAndExpiry() {
    Instant expires = NOW.plusSeconds(86_400);
    PolicyException exception =
        exception(
            "legacy-web", List.of("latest tag: NO!"), List.of(), List.of(), Map.of(), expires);

    Violation violation = onlyViolation(evaluate(List.of(exception), latest().build()));

    assertThat(violation.waiver())
        .isEqualTo(
            new Waiver(
                Waiver.Kind.EXCEPTION,
                "legacy-web",
                "migrating to pinned tags",
                "team-web",
                "SEC-123",
                expires));
  }

  @Test
  void exceptionMayNameThePolicyIdOrOneOfItsCategories() {
    PolicyException byId = forPolicy("by-id", null);
    PolicyException byCategory =
        exception(
            "by-category", List.of(), List.of("devops best practices"), List.of(), Map.of(), null);
    PolicyException other =
        exception(
            "other",
            List.of("Privileged"),
            List.of("Vulnerability Management"),
            List.of(),
            Map.of(),
            null);

    assertThat(onlyViolation(evaluate(List.of(byId), latest().build())).waived()).isTrue();
    assertThat(onlyViolation(evaluate(List.of(byCategory), latest().build())).waived()).isTrue();
    assertThat(onlyViolation(evaluate(List.of(other), latest().build())).waived()).isFalse();
  }

  @Test
  void exceptionScopeMustCoverTheObject() {
    PolicyException prodOnly =
        exception(
            "prod",
            List.of(POLICY_ID),
            List.of(),
            List.of("prod"),
            Map.of("team", "web|api"),
            null);

    assertThat(
            onlyViolation(evaluate(List.of(prodOnly), latest().label("team", "web").build()))
                .waived())
        .isTrue();
    assertThat(
            onlyViolation(evaluate(List.of(prodOnly), latest().label("team", "db").build()))
                .waived())
        .isFalse();
    assertThat(onlyViolation(evaluate(List.of(prodOnly), latest().build())).waived()).isFalse();
    assertThat(
            onlyViolation(
                    evaluate(
                        List.of(prodOnly), latest().namespace("dev").label("team", "web").build()))
                .waived())
        .isFalse();
  }

  @Test
  void exceptionScopeByWorkloadNameImageAndCluster() {
    PolicyException scoped =
        new PolicyException(
            "scoped",
            List.of(POLICY_ID),
            List.of(),
            "prod-.*",
            List.of(),
            Map.of(),
            List.of("web|api"),
            List.of("nginx(:.*)?"),
            "team-web",
            "reason",
            null,
            null,
            "exceptions.yaml");
    PolicyException otherCluster =
        new PolicyException(
            "other-cluster",
            List.of(POLICY_ID),
            List.of(),
            "staging",
            List.of(),
            Map.of(),
            List.of(),
            List.of(),
            "team-web",
            "reason",
            null,
            null,
            "exceptions.yaml");

    assertThat(onlyViolation(evaluate(List.of(scoped), latest().build())).waived()).isTrue();
    assertThat(onlyViolation(evaluate(List.of(scoped), latest().name("db").build())).waived())
        .isFalse();
    assertThat(onlyViolation(evaluate(List.of(otherCluster), latest().build())).waived()).isFalse();
  }

  @Test
  void expiredExceptionDoesNotWaiveAndIsReported() {
    PolicyException expired = forPolicy("old", NOW.minusSeconds(1));
    PolicyException expiringNow = forPolicy("now", NOW);
    PolicyException current =
        exception(
            "current",
            List.of("Something else"),
            List.of(),
            List.of(),
            Map.of(),
            NOW.plusSeconds(1));
    CompiledPolicySet compiled =
        PolicyCompiler.compile(List.of(LATEST_TAG), List.of(expired, expiringNow, current));

    List<PolicyOutcome> outcomes =
        compiled.evaluate(input(latest().build()), LifecycleStage.DEPLOY);

    assertThat(onlyViolation(outcomes).waived()).isFalse();
    assertThat(compiled.expiredExceptions(NOW)).containsExactly(expired, expiringNow);
  }

  @Test
  void exceptionsWinOverAnnotationsBecauseTheyCarryAnOwner() {
    PolicyException exception = forPolicy("legacy", null);
    Workload annotated = latest().annotation("ignore-check.bulwark.dev/" + POLICY_ID, "x").build();

    assertThat(onlyViolation(evaluate(List.of(exception), annotated)).waiver())
        .extracting(Waiver::kind)
        .isEqualTo(Waiver.Kind.EXCEPTION);
  }

  private static WorkloadBuilder latest() {
    return workload().container(container("app").image("nginx:latest"));
  }

  private static PolicyException exception(
      String name,
      List<String> policies,
      List<String> categories,
      List<String> namespaces,
      Map<String, String> labels,
      @Nullable Instant expires) {
    return new PolicyException(
        name,
        policies,
        categories,
        null,
        namespaces,
        labels,
        List.of(),
        List.of(),
        "team-web",
        "migrating to pinned tags",
        "SEC-123",
        expires,
        "exceptions.yaml");
  }

  private static PolicyException forPolicy(String name, @Nullable Instant expires) {
    return exception(name, List.of(POLICY_ID), List.of(), List.of(), Map.of(), expires);
  }

  private static List<PolicyOutcome> evaluate(List<PolicyException> exceptions, Workload workload) {
    return PolicyCompiler.compile(List.of(LATEST_TAG), exceptions)
        .evaluate(input(workload), LifecycleStage.DEPLOY);
  }

  private static Violation onlyViolation(List<PolicyOutcome> outcomes) {
    assertThat(outcomes).hasSize(1);
    assertThat(outcomes.get(0).violations()).hasSize(1);
    return outcomes.get(0).violations().get(0);
  }
}
