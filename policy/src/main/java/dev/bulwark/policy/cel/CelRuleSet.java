package dev.bulwark.policy.cel;

import dev.bulwark.core.context.WorkloadContext;
import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.workload.Container;
import dev.bulwark.core.workload.Workload;
import dev.bulwark.policy.model.CelRule;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The compiled CEL rules of one policy. Immutable and thread-safe: compile once, evaluate from any
 * number of threads.
 *
 * <p>Variables, all maps from string to dynamic values (the full schema is in this package's
 * README.md):
 *
 * <ul>
 *   <li>{@code object}: the Kubernetes object as written; integers are {@code int}, decimals {@code
 *       double}, an explicit {@code null} is CEL's {@code null}.
 *   <li>{@code workload}: the workload view ({@code kind}, {@code name}, {@code namespace}, {@code
 *       labels}, {@code annotations}, {@code podLabels}, {@code podAnnotations}, {@code replicas},
 *       {@code hostNetwork}, {@code hostPid}, {@code hostIpc}, {@code serviceAccountName}, {@code
 *       automountServiceAccountToken}, {@code runtimeClassName}, {@code nodeSelector}, {@code
 *       sysctls}, {@code volumes}, {@code containers}, and with cross-object context {@code
 *       exposedPorts}, {@code hasIngressPolicy}, {@code hasEgressPolicy}, {@code rbacLevel}, {@code
 *       namespaceLabels}, {@code serviceAccountKnown}); an empty map for objects that run no pods.
 *   <li>{@code container}: one container ({@code name}, {@code type}, {@code image}, {@code
 *       securityContext}, {@code resources}, {@code ports}, {@code env}, {@code volumeMounts},
 *       {@code probes}, {@code imagePullPolicy}); unset fields are absent, so test them with {@code
 *       has()}.
 * </ul>
 *
 * <p>A rule whose expression (or messageExpression) reads {@code container} runs once per container
 * of every type (init, regular, ephemeral) and its matches point at the container; it does not run
 * for objects without containers. Other rules run once per object, with {@code container} empty,
 * and their matches point at the object. An evaluation that fails (a missing key read without
 * {@code has()}, a non-bool result, more than 10,000 comprehension iterations) is reported in
 * {@link CelOutcome#errors()} and is not a match.
 */
public final class CelRuleSet {
  public static final CelRuleSet EMPTY = new CelRuleSet(List.of());

  private final List<CompiledRule> rules;

  private CelRuleSet(List<CompiledRule> rules) {
    this.rules = List.copyOf(rules);
  }

  /**
   * Compiles the rules of one policy: parses and type-checks every expression and plans its
   * evaluation, so that evaluation does no compiling.
   *
   * @throws dev.bulwark.policy.io.InvalidPolicyException naming the policy, the field ({@code
   *     rules[i].expression}) and the compiler's message with the position in the expression, for
   *     every problem of every rule
   */
  public static CelRuleSet compile(String policyName, List<CelRule> rules) {
    if (rules.isEmpty()) {
      return EMPTY;
    }
    return new CelRuleSet(RuleCompiler.compile(policyName, rules));
  }

  /**
   * Builds the shared CEL compiler now. Optional: a short-lived process (the CLI) calls this and
   * {@link #prepareRuntime()} on background threads while it parses its arguments, so that the
   * first real compilation does not pay CEL's start-up cost.
   */
  public static void prepareCompiler() {
    CelEnvironment.prepareCompiler();
  }

  /** Builds the shared CEL runtime now; see {@link #prepareCompiler()}. */
  public static void prepareRuntime() {
    CelEnvironment.prepareRuntime();
  }

  /** Whether there are no rules, so that callers can skip evaluation altogether. */
  public boolean isEmpty() {
    return rules.isEmpty();
  }

  /**
   * Evaluates every rule against one object. Never throws for a rule's failure: it is returned in
   * {@link CelOutcome#errors()}, once per rule and message.
   */
  public CelOutcome evaluate(
      ManifestObject object, @Nullable Workload workload, @Nullable WorkloadContext context) {
    return evaluate(CelVariables.of(object, workload, context));
  }

  /**
   * Evaluates every rule with variables shared across policies: the engine builds one {@link
   * CelVariables} per object, so the maps of a workload are built once, not once per policy.
   */
  public CelOutcome evaluate(CelVariables variables) {
    if (rules.isEmpty()) {
      return CelOutcome.NONE;
    }
    OutcomeCollector outcome = new OutcomeCollector();
    for (CompiledRule rule : rules) {
      if (rule.perContainer()) {
        List<Container> containers = variables.containers();
        for (int index = 0; index < containers.size(); index++) {
          rule.evaluate(variables.forContainer(index), containers.get(index).path(), outcome);
        }
      } else {
        rule.evaluate(variables.forObject(), FieldPath.ROOT, outcome);
      }
    }
    return outcome.build();
  }
}
