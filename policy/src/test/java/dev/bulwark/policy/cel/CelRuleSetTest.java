package dev.bulwark.policy.cel;

import static dev.bulwark.policy.cel.TestManifests.object;
import static dev.bulwark.policy.cel.TestWorkloads.CONTAINERS;
import static dev.bulwark.policy.cel.TestWorkloads.container;
import static dev.bulwark.policy.cel.TestWorkloads.input;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.context.ExposedPort;
import dev.bulwark.core.context.PortExposure;
import dev.bulwark.core.context.RbacLevel;
import dev.bulwark.core.context.WorkloadContext;
import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.workload.EnvVar;
import dev.bulwark.policy.engine.EvaluationInput;
import dev.bulwark.policy.io.InvalidPolicyException;
import dev.bulwark.policy.io.InvalidPolicyException.Problem;
import dev.bulwark.policy.model.CelRule;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CelRuleSetTest {
  private static CelOutcome eval(CelRuleSet rules, EvaluationInput input) {
    return rules.evaluate(input.object(), input.workload(), input.context());
  }

  private static final ManifestObject LOAD_BALANCER =
      object(
          """
          apiVersion: v1
          kind: Service
          metadata:
            name: web
          spec:
            type: LoadBalancer
            selector: null
            ratio: 1.5
            ports:
              - port: 80
          """);

  private static final ManifestObject DEPLOYMENT =
      object(
          """
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: web
            labels:
              team: payments
          spec:
            replicas: 5
            template:
              spec:
                containers:
                  - name: app
                    image: nginx
                  - name: sidecar
                    image: nginx
          """);

  private static CelRule rule(String name, String expression) {
    return new CelRule(name, expression, name + " fired", null);
  }

  private static CelRuleSet compile(CelRule... rules) {
    return CelRuleSet.compile("custom", List.of(rules));
  }

  private static List<Problem> problems(CelRule... rules) {
    try {
      compile(rules);
    } catch (InvalidPolicyException e) {
      return e.problems();
    }
    throw new AssertionError("expected the rules to be rejected");
  }

  @Test
  void syntaxErrorNamesRuleFieldAndPosition() {
    assertThat(problems(rule("broken", "object.kind ==")))
        .singleElement()
        .satisfies(problem -> {
          assertThat(problem.policy()).isEqualTo("custom");
          assertThat(problem.field()).isEqualTo("rules[0].expression");
          assertThat(problem.reason()).startsWith("1:15: mismatched input '<EOF>'");
        });
  }

  @Test
  void undeclaredVariableIsReportedWithItsPositionAndTheKnownVariables() {
    assertThat(problems(rule("typo", "object.kind == 'Pod' &&\n  pod.spec.hostNetwork")))
        .singleElement()
        .extracting(Problem::reason)
        .isEqualTo(
            "2:3: undeclared reference to 'pod'; the variables are object, workload, container");
  }

  @Test
  void nonBoolExpressionIsRejected() {
    assertThat(problems(rule("text", "object.kind + '!'")))
        .singleElement()
        .extracting(Problem::reason)
        .isEqualTo(
            "the expression returns string, but a rule must return a bool (true means a"
                + " violation)");
  }

  @Test
  void nonStringMessageExpressionIsRejected() {
    CelRule rule = new CelRule("count", "true", "m", "size(object)");
    assertThat(problems(rule))
        .singleElement()
        .satisfies(problem -> {
          assertThat(problem.field()).isEqualTo("rules[0].messageExpression");
          assertThat(problem.reason()).contains("returns int").contains("must return a string");
        });
  }

  @Test
  void problemsOfAllRulesAreCollected() {
    List<Problem> problems =
        problems(
            rule("", "true"),
            rule("no-expression", " "),
            rule("bad", "object.kind =="),
            rule("good", "object.kind == 'Pod'"),
            rule("good", "true"));
    assertThat(problems)
        .extracting(problem -> problem.field() + ": " + problem.reason())
        .containsExactly(
            "rules[0].name: required",
            "rules[1].expression: required",
            "rules[2].expression: 1:15: mismatched input '<EOF>' expecting {'[', '{', '(', '.',"
                + " '-', '!', 'true', 'false', 'null', NUM_FLOAT, NUM_INT, NUM_UINT, STRING,"
                + " BYTES, IDENTIFIER}",
            "rules[4].name: \"good\" is already the name of rules[3]; rule names must be unique");
  }

  @Test
  void noRulesIsTheEmptySet() {
    assertThat(CelRuleSet.compile("custom", List.of())).isSameAs(CelRuleSet.EMPTY);
    assertThat(CelRuleSet.EMPTY.isEmpty()).isTrue();
    assertThat(eval(CelRuleSet.EMPTY, input(LOAD_BALANCER))).isEqualTo(CelOutcome.NONE);
    assertThat(compile(rule("any", "true")).isEmpty()).isFalse();
  }

  @Test
  void objectRuleMatchesLoadBalancerServiceAtTheRoot() {
    CelRuleSet rules =
        compile(rule("lb", "object.kind == 'Service' && object.spec.type == 'LoadBalancer'"));

    assertThat(eval(rules, input(LOAD_BALANCER)))
        .isEqualTo(
            new CelOutcome(List.of(new CelMatch("lb", "lb fired", FieldPath.ROOT)), List.of()));
    assertThat(eval(rules, input(DEPLOYMENT))).isEqualTo(CelOutcome.NONE);
  }

  @ParameterizedTest
  @CsvSource({
    "object.spec.replicas > 3, true",
    "object.spec.replicas > 5, false",
    "object.spec.replicas == 5, true",
    "object.spec.replicas >= 4.5, true",
    "object.spec.replicas < 9223372036854775807, true",
    "workload.replicas == 3, true",
  })
  void integersCompareAsInt64(String expression, boolean matches) {
    CelOutcome outcome =
        eval(compile(rule("replicas", expression)), input(DEPLOYMENT, List.of(), null));

    assertThat(outcome.errors()).isEmpty();
    assertThat(outcome.matches()).hasSize(matches ? 1 : 0);
  }

  @Test
  void decimalsCompareWithIntegers() {
    CelOutcome outcome =
        eval(compile(rule("ratio", "object.spec.ratio > 1")), input(LOAD_BALANCER));

    assertThat(outcome.matches()).hasSize(1);
  }

  @Test
  void explicitNullIsCelNull() {
    CelOutcome outcome =
        eval(
            compile(rule("null", "has(object.spec.selector) && object.spec.selector == null")),
            input(LOAD_BALANCER));

    assertThat(outcome.errors()).isEmpty();
    assertThat(outcome.matches()).hasSize(1);
  }

  @Test
  void containerRuleRunsPerContainerAndPointsAtIt() {
    EvaluationInput input =
        input(DEPLOYMENT, List.of(container("app", 0, false), container("sidecar", 1, true)), null);

    CelOutcome outcome =
        eval(compile(rule("privileged", "container.securityContext.privileged")), input);

    assertThat(outcome.errors()).isEmpty();
    assertThat(outcome.matches())
        .containsExactly(new CelMatch("privileged", "privileged fired", CONTAINERS.index(1)));
  }

  @Test
  void messageExpressionBuildsTheMessage() {
    CelRule rule =
        new CelRule(
            "privileged",
            "has(container.securityContext.privileged) && container.securityContext.privileged",
            "unused",
            "'container ' + container.name + ' of ' + object.metadata.name + ' is privileged'");
    EvaluationInput input = input(DEPLOYMENT, List.of(container("app", 0, true)), null);

    assertThat(eval(compile(rule), input).matches())
        .extracting(CelMatch::message)
        .containsExactly("container app of web is privileged");
  }

  @Test
  void messageExpressionReadingContainerMakesTheRulePerContainer() {
    CelRule rule =
        new CelRule(
            "count", "size(object.spec.template.spec.containers) > 1", "m", "container.name");
    EvaluationInput input =
        input(DEPLOYMENT, List.of(container("app", 0, null), container("sidecar", 1, null)), null);

    assertThat(eval(compile(rule), input).matches())
        .extracting(match -> match.message() + "@" + match.path())
        .containsExactly("app@" + CONTAINERS.index(0), "sidecar@" + CONTAINERS.index(1));
  }

  @Test
  void failingMessageExpressionKeepsTheMatchWithTheStaticMessage() {
    CelRule rule = new CelRule("lb", "object.kind == 'Service'", "static", "object.spec.missing");
    CelOutcome outcome = eval(compile(rule), input(LOAD_BALANCER));

    assertThat(outcome.matches()).extracting(CelMatch::message).containsExactly("static");
    assertThat(outcome.errors())
        .singleElement()
        .asString()
        .startsWith("lb: messageExpression: 1:12: key 'missing' is not present in map");
  }

  @Test
  void hasTellsAbsentFieldsApart() {
    EvaluationInput input =
        input(DEPLOYMENT, List.of(container("app", 0, null), container("sidecar", 1, false)), null);

    CelOutcome outcome =
        eval(
            compile(
                rule("unset", "!has(container.securityContext.privileged)"),
                rule("no-limit", "!has(container.resources.cpuLimitCores)"),
                rule(
                    "no-digest", "!has(container.image.digest) && container.image.tag == 'latest'"),
                rule("no-status", "!has(object.status)")),
            input);

    assertThat(outcome.errors()).isEmpty();
    assertThat(outcome.matches())
        .extracting(match -> match.ruleName() + "@" + match.path())
        .containsExactly(
            "unset@" + CONTAINERS.index(0),
            "no-limit@" + CONTAINERS.index(0),
            "no-limit@" + CONTAINERS.index(1),
            "no-digest@" + CONTAINERS.index(0),
            "no-digest@" + CONTAINERS.index(1),
            "no-status@");
  }

  @Test
  void runtimeErrorIsReportedOncePerObjectNotThrown() {
    EvaluationInput input =
        input(DEPLOYMENT, List.of(container("app", 0, null), container("sidecar", 1, null)), null);

    CelOutcome outcome =
        eval(compile(rule("strict", "container.securityContext.privileged == true")), input);

    assertThat(outcome.matches()).isEmpty();
    assertThat(outcome.errors())
        .containsExactly(
            "strict: 1:26: key 'privileged' is not present in map (test optional fields with"
                + " has() before reading them)");
  }

  @Test
  void nonBoolResultAtRuntimeIsAnError() {
    CelOutcome outcome = eval(compile(rule("dyn", "object.spec.replicas")), input(DEPLOYMENT));

    assertThat(outcome.matches()).isEmpty();
    assertThat(outcome.errors())
        .containsExactly(
            "dyn: the expression returned a value of type int, not bool; compare the value"
                + " explicitly (e.g. `== true`)");
  }

  @Test
  void containerRuleDoesNotRunForObjectsWithoutContainers() {
    CelOutcome outcome =
        eval(
            compile(rule("named", "container.name == 'app' || object.kind == 'Service'")),
            input(LOAD_BALANCER));

    assertThat(outcome).isEqualTo(CelOutcome.NONE);
  }

  @Test
  void macroVariableNamedContainerDoesNotMakeTheRulePerContainer() {
    EvaluationInput input =
        input(DEPLOYMENT, List.of(container("app", 0, null), container("sidecar", 1, null)), null);

    CelOutcome outcome =
        eval(
            compile(
                rule("has-app", "workload.containers.exists(container, container.name == 'app')")),
            input);

    assertThat(outcome.matches())
        .containsExactly(new CelMatch("has-app", "has-app fired", FieldPath.ROOT));
  }

  @Test
  void workloadWithoutPodsIsAnEmptyMap() {
    CelOutcome outcome =
        eval(
            compile(rule("no-workload", "size(workload) == 0 && !has(workload.kind)")),
            input(LOAD_BALANCER));

    assertThat(outcome.matches()).hasSize(1);
  }

  @Test
  void workloadCarriesItsViewAndContext() {
    WorkloadContext context =
        new WorkloadContext(
            List.of(new ExposedPort(8080, "TCP", PortExposure.EXTERNAL, 30080, "web-lb")),
            false,
            true,
            RbacLevel.CLUSTER_ADMIN,
            Map.of("env", "prod"),
            true,
            false);
    EvaluationInput input = input(DEPLOYMENT, List.of(container("app", 0, null)), context);

    CelOutcome outcome =
        eval(
            compile(
                rule(
                    "exposed",
                    "workload.exposedPorts.exists(p, p.exposure == 'EXTERNAL' && p.nodePort =="
                        + " 30080 && p.via == 'web-lb')"),
                rule("isolated", "!workload.hasIngressPolicy && workload.hasEgressPolicy"),
                rule("admin", "workload.rbacLevel == 'CLUSTER_ADMIN'"),
                rule("prod", "workload.namespaceLabels.env == 'prod'"),
                rule("token", "workload.automountServiceAccountToken"),
                rule(
                    "labels",
                    "workload.labels.team == 'payments' && workload.podLabels.app == 'web'"),
                rule("shape", "workload.kind == 'Deployment' && workload.containers.size() == 1")),
            input);

    assertThat(outcome.errors()).isEmpty();
    assertThat(outcome.matches())
        .extracting(CelMatch::ruleName)
        .containsExactly("exposed", "isolated", "admin", "prod", "labels", "shape");
  }

  @Test
  void containerCarriesEnvironmentValuesAndSources() {
    List<EnvVar> env =
        List.of(
            new EnvVar("DEBUG", "true", EnvVar.Source.RAW, FieldPath.ROOT),
            new EnvVar("TOKEN", "api:token", EnvVar.Source.SECRET_KEY, FieldPath.ROOT));
    EvaluationInput input = input(DEPLOYMENT, List.of(container("app", 0, null, env)), null);

    CelOutcome outcome =
        eval(
            compile(
                rule("debug", "container.env.exists(e, e.name == 'DEBUG' && e.value == 'true')"),
                rule("secret", "container.env.exists(e, e.source == 'SECRET_KEY')"),
                rule("drops", "'ALL' in container.securityContext.dropCapabilities"),
                rule(
                    "type",
                    "container.type == 'REGULAR' && container.resources.cpuRequestCores"
                        + " == 0.5")),
            input);

    assertThat(outcome.errors()).isEmpty();
    assertThat(outcome.matches())
        .extracting(CelMatch::ruleName)
        .containsExactly("debug", "secret", "drops", "type");
  }

  @Test
  void objectMapsAndListsBehaveLikeCelValues() {
    CelOutcome outcome =
        eval(
            compile(
                rule("labels", "object.metadata.labels == {'team': 'payments'}"),
                rule("in", "'team' in object.metadata.labels"),
                rule("keys", "object.metadata.labels.all(k, k.startsWith('te'))"),
                rule("index", "object.spec.template.spec.containers[1].name == 'sidecar'"),
                rule(
                    "map",
                    "object.spec.template.spec.containers.map(c, c.name) == ['app', 'sidecar']"),
                rule("strings", "object.kind.lowerAscii() == 'deployment'")),
            input(DEPLOYMENT));

    assertThat(outcome.errors()).isEmpty();
    assertThat(outcome.matches()).hasSize(6);
  }

  @Test
  void runawayComprehensionStopsAtTheIterationLimit() {
    String hundred =
        "[" + String.join(",", IntStream.range(0, 100).mapToObj(Integer::toString).toList()) + "]";
    String expression =
        hundred + ".all(a, " + hundred + ".all(b, " + hundred + ".all(c, a + b + c >= 0)))";

    CelOutcome outcome = eval(compile(rule("runaway", expression)), input(LOAD_BALANCER));

    assertThat(outcome.matches()).isEmpty();
    assertThat(outcome.errors())
        .singleElement()
        .asString()
        .contains("at most 10000 comprehension iterations");
  }

  @Test
  void evaluationIsRepeatableAcrossThreads() throws Exception {
    CelRuleSet rules =
        compile(
            rule("privileged", "container.securityContext.privileged == true"),
            rule("replicas", "object.spec.replicas > 3"));
    EvaluationInput input =
        input(DEPLOYMENT, List.of(container("app", 0, true), container("sidecar", 1, false)), null);
    CelOutcome expected = eval(rules, input);

    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<CelOutcome>> results =
          IntStream.range(0, 200).mapToObj(i -> pool.submit(() -> eval(rules, input))).toList();
      for (Future<CelOutcome> result : results) {
        assertThat(result.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdown();
    }
    assertThat(expected.matches()).hasSize(2);
  }
}
