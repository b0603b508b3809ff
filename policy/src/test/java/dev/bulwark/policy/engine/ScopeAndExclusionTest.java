package dev.bulwark.policy.engine;

import static dev.bulwark.policy.engine.TestPolicies.group;
import static dev.bulwark.policy.engine.TestPolicies.policy;
import static dev.bulwark.policy.engine.TestWorkloads.NOW;
import static dev.bulwark.policy.engine.TestWorkloads.container;
import static dev.bulwark.policy.engine.TestWorkloads.context;
import static dev.bulwark.policy.engine.TestWorkloads.input;
import static dev.bulwark.policy.engine.TestWorkloads.workload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.context.WorkloadContext;
import dev.bulwark.core.workload.Workload;
import dev.bulwark.policy.engine.TestPolicies.PolicyBuilder;
import dev.bulwark.policy.model.Exclusion;
import dev.bulwark.policy.model.LabelSelector;
import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.Scope;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Which objects a policy looks at: stages, disabling, scopes and StackRox exclusions. */
class ScopeAndExclusionTest {
  private static final Workload PRIVILEGED =
      workload()
          .name("web")
          .namespace("prod")
          .label("app", "web")
          .container(container("app").privileged(true).image("quay.io/shop/web:2"))
          .build();

  @Test
  void policiesRunOnlyAtTheirStagesAndOnlyWhenEnabled() {
    assertThat(fires(privileged(), PRIVILEGED, LifecycleStage.DEPLOY)).isTrue();
    assertThat(fires(privileged(), PRIVILEGED, LifecycleStage.BUILD)).isFalse();
    assertThat(fires(privileged().disabled(), PRIVILEGED, LifecycleStage.DEPLOY)).isFalse();
  }

  @Test
  void scopeRestrictsByNamespaceRegex() {
    assertThat(fires(privileged().scope(scope(null, "prod|staging", null)), PRIVILEGED)).isTrue();
    assertThat(fires(privileged().scope(scope(null, "dev-.*", null)), PRIVILEGED)).isFalse();
  }

  @Test
  void scopeRestrictsByClusterRegex() {
    assertThat(fires(privileged().scope(scope("prod-.*", null, null)), PRIVILEGED)).isTrue();
    assertThat(fires(privileged().scope(scope("staging", null, null)), PRIVILEGED)).isFalse();
  }

  @Test
  void scopeRestrictsByWorkloadLabel() {
    assertThat(
            fires(
                privileged().scope(scope(null, null, new LabelSelector("app", "web|api"))),
                PRIVILEGED))
        .isTrue();
    assertThat(
            fires(
                privileged().scope(scope(null, null, new LabelSelector("app", "db"))), PRIVILEGED))
        .isFalse();
  }

  @Test
  void anyOfSeveralScopesMayMatch() {
    PolicyBuilder policy =
        privileged().scope(scope(null, "dev", null)).scope(scope(null, "prod", null));

    assertThat(fires(policy, PRIVILEGED)).isTrue();
  }

  @Test
  void scopeRestrictsByNamespaceLabelsFromTheContext() {
    Scope restricted = new Scope(null, null, null, null, new LabelSelector("tier", "restricted"));
    WorkloadContext labelled = context().namespaceLabel("tier", "restricted").build();
    CompiledPolicySet compiled = TestPolicies.compile(privileged().scope(restricted).build());

    assertThat(compiled.evaluate(input(PRIVILEGED, labelled), LifecycleStage.DEPLOY)).hasSize(1);
    assertThat(compiled.evaluate(input(PRIVILEGED), LifecycleStage.DEPLOY)).isEmpty();
  }

  @Test
  void aScopeWithAClusterLabelNeverMatchesBecauseClusterLabelsAreUnknownHere() {
    Scope clusterLabel = new Scope(null, null, null, new LabelSelector("env", ".*"), null);

    assertThat(fires(privileged().scope(clusterLabel), PRIVILEGED)).isFalse();
  }

  @Test
  void deploymentExclusionByNameSkipsThePolicy() {
    assertThat(fires(privileged().exclusion(deployment("w.b", null, null)), PRIVILEGED)).isFalse();
    assertThat(fires(privileged().exclusion(deployment("api", null, null)), PRIVILEGED)).isTrue();
  }

  @Test
  void deploymentExclusionNeedsBothNameAndScopeToMatch() {
    Exclusion inOtherNamespace = deployment("web", scope(null, "kube-system", null), null);
    Exclusion inThisNamespace = deployment("web", scope(null, "prod", null), null);
    Exclusion wholeNamespace = deployment(null, scope(null, "prod", null), null);

    assertThat(fires(privileged().exclusion(inOtherNamespace), PRIVILEGED)).isTrue();
    assertThat(fires(privileged().exclusion(inThisNamespace), PRIVILEGED)).isFalse();
    assertThat(fires(privileged().exclusion(wholeNamespace), PRIVILEGED)).isFalse();
  }

  @Test
  void expiredExclusionNoLongerApplies() {
    Exclusion expired = deployment("web", null, NOW.minusSeconds(60));
    Exclusion expiringNow = deployment("web", null, NOW);
    Exclusion future = deployment("web", null, NOW.plusSeconds(60));

    assertThat(fires(privileged().exclusion(expired), PRIVILEGED)).isTrue();
    assertThat(fires(privileged().exclusion(expiringNow), PRIVILEGED)).isTrue();
    assertThat(fires(privileged().exclusion(future), PRIVILEGED)).isFalse();
  }

  @Test
  void imageExclusionsSkipContainersAtBuildTimeOnly() {
    PolicyBuilder policy =
        policy("Registry")
            .stages(LifecycleStage.BUILD, LifecycleStage.DEPLOY)
            .section(group("Image Registry", "quay.io"))
            .exclusion(new Exclusion("trusted", null, "quay.io/shop/.*", null));

    assertThat(fires(policy, PRIVILEGED, LifecycleStage.BUILD)).isFalse();
    assertThat(fires(policy, PRIVILEGED, LifecycleStage.DEPLOY)).isTrue();
  }

  @Test
  void deploymentExclusionsDoNotApplyAtBuildTime() {
    PolicyBuilder policy =
        policy("Registry")
            .stages(LifecycleStage.BUILD)
            .section(group("Image Registry", "quay.io"))
            .exclusion(deployment("web", null, null));

    assertThat(fires(policy, PRIVILEGED, LifecycleStage.BUILD)).isTrue();
  }

  private static PolicyBuilder privileged() {
    return policy("Privileged").section(group("Privileged Container", "true"));
  }

  private static Scope scope(
      @Nullable String cluster, @Nullable String namespace, @Nullable LabelSelector label) {
    return new Scope(cluster, namespace, label, null, null);
  }

  private static Exclusion deployment(
      @Nullable String name, @Nullable Scope scope, @Nullable Instant expiration) {
    return new Exclusion("exclusion", new Exclusion.Deployment(name, scope), null, expiration);
  }

  private static boolean fires(PolicyBuilder policy, Workload workload) {
    return fires(policy, workload, LifecycleStage.DEPLOY);
  }

  private static boolean fires(PolicyBuilder policy, Workload workload, LifecycleStage stage) {
    List<PolicyOutcome> outcomes =
        TestPolicies.compile(policy.build()).evaluate(input(workload), stage);
    return outcomes.stream().anyMatch(outcome -> outcome.status() == PolicyOutcome.Status.VIOLATED);
  }
}
