package dev.bulwark.policy.engine;

import dev.bulwark.policy.model.BooleanOperator;
import dev.bulwark.policy.model.CelRule;
import dev.bulwark.policy.model.CheckReference;
import dev.bulwark.policy.model.EventSource;
import dev.bulwark.policy.model.Exclusion;
import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.Policy;
import dev.bulwark.policy.model.PolicyGroup;
import dev.bulwark.policy.model.PolicySection;
import dev.bulwark.policy.model.Scope;
import dev.bulwark.policy.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test builders for policies and groups. */
public final class TestPolicies {
  private TestPolicies() {}

  public static PolicyBuilder policy(String name) {
    return new PolicyBuilder(name);
  }

  /** A group whose values are OR'ed. */
  public static PolicyGroup group(String field, String... values) {
    return new PolicyGroup(field, BooleanOperator.OR, false, List.of(values));
  }

  /** A group whose values are AND'ed. */
  public static PolicyGroup allOf(String field, String... values) {
    return new PolicyGroup(field, BooleanOperator.AND, false, List.of(values));
  }

  /** A negated group (values OR'ed, then negated). */
  public static PolicyGroup not(String field, String... values) {
    return new PolicyGroup(field, BooleanOperator.OR, true, List.of(values));
  }

  /** Compiles one policy with no exceptions. */
  public static CompiledPolicySet compile(Policy policy) {
    return PolicyCompiler.compile(List.of(policy), List.of());
  }

  /** Builds a deploy-time policy; each {@link #section} call adds one OR'ed section. */
  public static final class PolicyBuilder {
    private final String name;
    private String id = "11111111-2222-3333-4444-555555555555";
    private boolean disabled;
    private List<String> categories = List.of("Security Best Practices");
    private List<LifecycleStage> stages = List.of(LifecycleStage.DEPLOY);
    private final List<PolicySection> sections = new ArrayList<>();
    private final List<Scope> scopes = new ArrayList<>();
    private final List<Exclusion> exclusions = new ArrayList<>();
    private List<String> skip = List.of();
    private final List<CelRule> rules = new ArrayList<>();
    private final List<CheckReference> checks = new ArrayList<>();

    private PolicyBuilder(String name) {
      this.name = name;
    }

    public PolicyBuilder id(String value) {
      id = value;
      return this;
    }

    public PolicyBuilder disabled() {
      disabled = true;
      return this;
    }

    public PolicyBuilder categories(String... values) {
      categories = List.of(values);
      return this;
    }

    public PolicyBuilder stages(LifecycleStage... values) {
      stages = List.of(values);
      return this;
    }

    public PolicyBuilder section(PolicyGroup... groups) {
      sections.add(new PolicySection("section " + (sections.size() + 1), List.of(groups)));
      return this;
    }

    public PolicyBuilder scope(Scope scope) {
      scopes.add(scope);
      return this;
    }

    public PolicyBuilder exclusion(Exclusion exclusion) {
      exclusions.add(exclusion);
      return this;
    }

    public PolicyBuilder skip(String... containerTypes) {
      skip = List.of(containerTypes);
      return this;
    }

    public PolicyBuilder check(String checkId, Map<String, String> parameters) {
      checks.add(new CheckReference(checkId, parameters));
      return this;
    }

    public PolicyBuilder rule(String ruleName, String expression, String message) {
      rules.add(new CelRule(ruleName, expression, message, null));
      return this;
    }

    public Policy build() {
      return new Policy(
          id,
          name,
          "A test policy",
          "Because tests",
          "Fix it",
          disabled,
          categories,
          stages,
          EventSource.NOT_APPLICABLE,
          exclusions,
          scopes,
          Severity.HIGH,
          List.of(),
          List.of(),
          "1.1",
          sections,
          List.of(),
          false,
          false,
          false,
          skip,
          List.of(),
          rules,
          checks);
    }
  }
}
