package dev.bulwark.policy.engine;

import static dev.bulwark.policy.engine.TestImages.vulnerability;
import static dev.bulwark.policy.engine.TestPolicies.group;
import static dev.bulwark.policy.engine.TestPolicies.policy;
import static dev.bulwark.policy.engine.TestWorkloads.container;
import static dev.bulwark.policy.engine.TestWorkloads.input;
import static dev.bulwark.policy.engine.TestWorkloads.workload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.image.ImageDataProvider;
import dev.bulwark.core.image.VulnerabilitySeverity;
import dev.bulwark.core.workload.Workload;
import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.Policy;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Three-valued logic for criteria that need image data or the sensor. */
class ImageDataTest {
  private static final Policy LOG4SHELL =
      policy("Log4Shell").section(group("CVE", "CVE-2021-44228")).build();
  private static final Policy PRIVILEGED_WITH_CVE =
      policy("Privileged with critical CVE")
          .section(group("Privileged Container", "true"), group("Severity", "CRITICAL"))
          .build();

  @Test
  void withoutAProviderImageCriteriaAreNotEvaluated() {
    List<PolicyOutcome> outcomes = evaluate(LOG4SHELL, input(app(false), ImageDataProvider.NONE));

    assertThat(outcomes)
        .singleElement()
        .satisfies(outcome -> {
          assertThat(outcome.status()).isEqualTo(PolicyOutcome.Status.NOT_EVALUATED);
          assertThat(outcome.reason()).isEqualTo("needs image data: CVE");
          assertThat(outcome.violations()).isEmpty();
        });
  }

  @Test
  void withDataTheProviderDecides() {
    ImageDataProvider vulnerable =
        TestImages.provider(
            "shop:1", TestImages.data().vulnerability(vulnerability("CVE-2021-44228")).build());
    ImageDataProvider clean = TestImages.provider("shop:1", TestImages.data().build());

    assertThat(evaluate(LOG4SHELL, input(app(false), vulnerable)))
        .singleElement()
        .extracting(PolicyOutcome::status)
        .isEqualTo(PolicyOutcome.Status.VIOLATED);
    assertThat(evaluate(LOG4SHELL, input(app(false), clean))).isEmpty();
  }

  @Test
  void aFalseContainerCriterionDecidesWithoutImageData() {
    AtomicInteger lookups = new AtomicInteger();
    ImageDataProvider counting =
        image -> {
          lookups.incrementAndGet();
          return Optional.empty();
        };

    assertThat(evaluate(PRIVILEGED_WITH_CVE, input(app(false), ImageDataProvider.NONE))).isEmpty();
    assertThat(evaluate(PRIVILEGED_WITH_CVE, input(app(false), counting))).isEmpty();
    assertThat(lookups).hasValue(0);
  }

  @Test
  void aTrueContainerCriterionWithUnknownImageDataIsNotEvaluated() {
    assertThat(evaluate(PRIVILEGED_WITH_CVE, input(app(true), ImageDataProvider.NONE)))
        .singleElement()
        .satisfies(outcome -> {
          assertThat(outcome.status()).isEqualTo(PolicyOutcome.Status.NOT_EVALUATED);
          assertThat(outcome.reason()).isEqualTo("needs image data: Severity");
        });
  }

  @Test
  void anImageTheProviderDoesNotKnowIsUnscanned() {
    Policy unscanned = policy("Unscanned").section(group("Unscanned Image", "true")).build();

    assertThat(evaluate(unscanned, input(app(false), TestImages.knowsNothing())))
        .singleElement()
        .satisfies(outcome ->
            assertThat(outcome.violations())
                .extracting(Violation::message)
                .containsExactly("Image \"shop:1\" of container \"app\" has not been scanned"));
    assertThat(evaluate(unscanned, input(app(false), ImageDataProvider.NONE)))
        .singleElement()
        .extracting(PolicyOutcome::status)
        .isEqualTo(PolicyOutcome.Status.NOT_EVALUATED);
  }

  @Test
  void otherCriteriaOnAnUnknownImageStayUnknown() {
    assertThat(evaluate(LOG4SHELL, input(app(false), TestImages.knowsNothing())))
        .singleElement()
        .extracting(PolicyOutcome::reason)
        .isEqualTo("needs image data: CVE");
  }

  @Test
  void scanCriteriaOnAnImageNeverScannedStayUnknownWhileMetadataDecides() {
    ImageDataProvider metadataOnly =
        TestImages.provider("shop:1", TestImages.data().scanned(false).user("root").build());
    Policy rootWithCve =
        policy("Root with CVE")
            .section(group("Image User", "root"), group("CVE", "CVE-2021-44228"))
            .build();
    Policy nonRootWithCve =
        policy("Non-root with CVE")
            .section(group("Image User", "1000"), group("CVE", "CVE-2021-44228"))
            .build();

    assertThat(evaluate(rootWithCve, input(app(false), metadataOnly)))
        .singleElement()
        .extracting(PolicyOutcome::reason)
        .isEqualTo("needs image data: CVE");
    assertThat(evaluate(nonRootWithCve, input(app(false), metadataOnly))).isEmpty();
  }

  @Test
  void aMatchInOneSectionDominatesUnknownInAnother() {
    Policy policy =
        policy("Either")
            .section(group("CVE", "CVE-2021-44228"))
            .section(group("Privileged Container", "true"))
            .build();

    assertThat(evaluate(policy, input(app(true), ImageDataProvider.NONE)))
        .singleElement()
        .extracting(PolicyOutcome::status)
        .isEqualTo(PolicyOutcome.Status.VIOLATED);
  }

  @Test
  void unknownFieldsOfEverySectionAreNamed() {
    Policy policy =
        policy("Several")
            .section(group("CVE", "CVE-2021-44228"))
            .section(group("Image Age", "90"), group("Fixable", "true"))
            .build();

    assertThat(evaluate(policy, input(app(false), ImageDataProvider.NONE)))
        .singleElement()
        .extracting(PolicyOutcome::reason)
        .isEqualTo("needs image data: CVE, Image Age, Fixable");
  }

  @Test
  void runtimeCriteriaAreLeftToTheSensor() {
    Policy iptables =
        policy("iptables in privileged container")
            .stages(LifecycleStage.RUNTIME)
            .section(group("Privileged Container", "true"), group("Process Name", "iptables"))
            .build();
    CompiledPolicySet compiled = TestPolicies.compile(iptables);

    assertThat(compiled.evaluate(input(app(true)), LifecycleStage.RUNTIME))
        .singleElement()
        .satisfies(outcome -> {
          assertThat(outcome.status()).isEqualTo(PolicyOutcome.Status.NOT_EVALUATED);
          assertThat(outcome.reason()).isEqualTo("runtime criterion: evaluated by the sensor");
        });
    assertThat(compiled.evaluate(input(app(false)), LifecycleStage.RUNTIME)).isEmpty();
    assertThat(compiled.evaluate(input(app(true)), LifecycleStage.DEPLOY)).isEmpty();
  }

  @Test
  void compiledPoliciesSayWhatTheyNeed() {
    CompiledPolicySet compiled =
        PolicyCompiler.compile(
            List.of(
                LOG4SHELL,
                policy("Plain").section(group("Privileged Container", "true")).build(),
                policy("Process").section(group("Process Name", "nc")).build()),
            List.of());

    assertThat(compiled.policies())
        .extracting(CompiledPolicy::requiresImageData)
        .containsExactly(true, false, false);
    assertThat(compiled.policies())
        .extracting(CompiledPolicy::hasRuntimeCriteria)
        .containsExactly(false, false, true);
  }

  @Test
  void eachImageIsLookedUpOncePerEvaluation() {
    AtomicInteger lookups = new AtomicInteger();
    ImageDataProvider counting =
        image -> {
          lookups.incrementAndGet();
          return Optional.of(
              TestImages.data()
                  .vulnerability(vulnerability("CVE-1").severity(VulnerabilitySeverity.CRITICAL))
                  .build());
        };
    Workload twoContainers =
        workload()
            .container(container("a").image("shop:1").privileged(true))
            .container(container("b").image("shop:1").privileged(true))
            .build();
    CompiledPolicySet compiled =
        PolicyCompiler.compile(List.of(LOG4SHELL, PRIVILEGED_WITH_CVE), List.of());

    List<PolicyOutcome> outcomes =
        compiled.evaluate(input(twoContainers, counting), LifecycleStage.DEPLOY);

    assertThat(outcomes).hasSize(1);
    assertThat(outcomes.get(0).violations()).hasSize(2);
    assertThat(lookups).hasValue(1);
  }

  private static Workload app(boolean privileged) {
    return workload().container(container("app").image("shop:1").privileged(privileged)).build();
  }

  private static List<PolicyOutcome> evaluate(Policy policy, EvaluationInput input) {
    return TestPolicies.compile(policy).evaluate(input, LifecycleStage.DEPLOY);
  }
}
