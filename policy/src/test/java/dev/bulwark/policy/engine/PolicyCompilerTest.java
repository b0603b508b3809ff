package dev.bulwark.policy.engine;

import static dev.bulwark.policy.engine.TestPolicies.group;
import static dev.bulwark.policy.engine.TestPolicies.not;
import static dev.bulwark.policy.engine.TestPolicies.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.bulwark.policy.exception.PolicyException;
import dev.bulwark.policy.io.InvalidPolicyException;
import dev.bulwark.policy.io.InvalidPolicyException.Problem;
import dev.bulwark.policy.model.Exclusion;
import dev.bulwark.policy.model.LabelSelector;
import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.Policy;
import dev.bulwark.policy.model.PolicyGroup;
import dev.bulwark.policy.model.Scope;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Compile problems name the policy, the field path and the reason; all are collected. */
class PolicyCompilerTest {
  @Test
  void badRegexIsReportedAtItsValuePath() {
    Policy policy =
        policy("Bad regex")
            .section(group("Privileged Container", "true"), group("Image Tag", "latest", "v(1"))
            .build();

    assertThat(problems(policy))
        .singleElement()
        .satisfies(problem -> {
          assertThat(problem.origin()).isEqualTo("policy");
          assertThat(problem.policy()).isEqualTo("Bad regex");
          assertThat(problem.field()).isEqualTo("policySections[0].policyGroups[1].values[1]");
          assertThat(problem.reason()).contains("\"v(1\" is not a valid RE2 regular expression");
        });
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = ';',
      value = {
        "Privileged Container;yes;expected true or false",
        "Container CPU Limit;>> 2;expected a number",
        "Replicas;many;expected a number",
        "Severity;>= SEVERE;expected one of UNKNOWN, LOW, MODERATE, IMPORTANT, CRITICAL",
        "Minimum RBAC Permissions;ROOT;expected one of DEFAULT",
        "Port Exposure Method;PUBLIC;expected one of EXTERNAL, NODE, HOST, ROUTE, INTERNAL, UNSET",
        "Image Age;ninety;expected a whole number of days",
        "Environment Variable;RAW=PASSWORD;expected SOURCE=NAME=VALUE",
        "Add Capabilities;sys admin;expected a Linux capability name",
        "Required Label;=;expected key=value",
        "Dockerfile Line;RUN apt-get;expected INSTRUCTION=VALUE",
        "Namespace;' ';must not be blank",
      })
  void badValuesAreReportedWithTheExpectedFormat(String field, String value, String reason) {
    Policy policy = policy("Bad value").section(group(field, value)).build();

    assertThat(problems(policy))
        .singleElement()
        .satisfies(problem -> {
          assertThat(problem.field()).isEqualTo("policySections[0].policyGroups[0].values[0]");
          assertThat(problem.reason()).contains(reason);
        });
  }

  @Test
  void groupShapeProblemsAreReportedAtTheGroup() {
    Policy policy =
        policy("Bad shapes")
            .section(
                not("Privileged Container", "true"),
                group("Host Network", "true", "false"),
                group("Namespace"))
            .build();

    assertThat(problems(policy))
        .extracting(Problem::field, Problem::reason)
        .containsExactly(
            tuple(
                "policySections[0].policyGroups[0]", "\"Privileged Container\" cannot be negated"),
            tuple(
                "policySections[0].policyGroups[1]",
                "\"Host Network\" takes exactly one value, found 2"),
            tuple("policySections[0].policyGroups[2]", "\"Namespace\" needs at least one value"));
  }

  @Test
  void unknownAndRepeatedFieldsAreReported() {
    Policy policy =
        policy("Bad fields")
            .section(
                group("Privileged", "true"),
                group("Image Tag", "latest"),
                group("image tag", "edge"))
            .build();

    assertThat(problems(policy))
        .extracting(Problem::field)
        .containsExactly(
            "policySections[0].policyGroups[0].fieldName",
            "policySections[0].policyGroups[2].fieldName");
    assertThat(problems(policy).get(0).reason()).contains("unknown criterion \"Privileged\"");
  }

  @Test
  void scopeExclusionAndFilterProblemsNameTheirFields() {
    Policy policy =
        policy("Bad scope")
            .section(group("Privileged Container", "true"))
            .scope(new Scope(null, "prod(", new LabelSelector("app", "[web"), null, null))
            .exclusion(new Exclusion("e", new Exclusion.Deployment("*web", null), "(", null))
            .skip("SIDECAR")
            .build();

    assertThat(problems(policy))
        .extracting(Problem::field)
        .containsExactly(
            "scope[0].namespace",
            "scope[0].label",
            "exclusions[0].deployment.name",
            "exclusions[0].image.name",
            "skipContainerTypes[0]");
  }

  @Test
  void emptyPoliciesAndSectionsAreReported() {
    Policy empty = policy("Nothing").build();
    Policy emptySection = policy("Empty section").section().build();

    assertThat(problems(empty)).extracting(Problem::field).containsExactly("policySections");
    assertThat(problems(emptySection))
        .extracting(Problem::field)
        .containsExactly("policySections[0].policyGroups");
  }

  @Test
  void problemsOfEveryPolicyAndExceptionAreCollectedBeforeFailing() {
    Policy first = policy("First").section(group("Image Tag", "(")).build();
    Policy second = policy("Second").section(group("Replicas", "x")).build();
    PolicyException exception =
        new PolicyException(
            "bad-exception",
            List.of("First"),
            List.of(),
            null,
            List.of("prod["),
            Map.of(),
            List.of(),
            List.of(),
            "team",
            "reason",
            null,
            null,
            "exceptions/web.yaml");

    InvalidPolicyException thrown =
        catchThrowableOfType(
            InvalidPolicyException.class,
            () -> PolicyCompiler.compile(List.of(first, second), List.of(exception)));

    assertThat(thrown.problems())
        .extracting(Problem::origin, Problem::policy, Problem::field)
        .containsExactly(
            tuple("exceptions/web.yaml", "bad-exception", "namespaces[0]"),
            tuple("policy", "First", "policySections[0].policyGroups[0].values[0]"),
            tuple("policy", "Second", "policySections[0].policyGroups[0].values[0]"));
    assertThat(thrown.getMessage())
        .contains("policy: policy \"Second\": policySections[0].policyGroups[0].values[0]:");
  }

  @Test
  void validPoliciesCompileInOrder() {
    Policy first = policy("First").section(group("Image Tag", "latest")).build();
    Policy second = policy("Second").section(group("Process Name", "nc")).build();

    CompiledPolicySet compiled = PolicyCompiler.compile(List.of(first, second), List.of());

    assertThat(compiled.policies())
        .extracting(CompiledPolicy::policy)
        .containsExactly(first, second);
  }

  @Test
  void fieldNamesAndBooleansAreMatchedIgnoringCase() {
    PolicyGroup lowerCase = group("privileged container", "TRUE");
    CompiledPolicySet compiled = TestPolicies.compile(policy("Lower").section(lowerCase).build());
    EvaluationInput privileged =
        TestWorkloads.input(
            TestWorkloads.workload()
                .container(TestWorkloads.container("app").privileged(true))
                .build());

    assertThat(compiled.evaluate(privileged, LifecycleStage.DEPLOY)).hasSize(1);
  }

  private static List<Problem> problems(Policy policy) {
    InvalidPolicyException thrown =
        catchThrowableOfType(InvalidPolicyException.class, () -> TestPolicies.compile(policy));
    assertThat(thrown).as("compiling %s should fail", policy.name()).isNotNull();
    return thrown.problems();
  }
}
