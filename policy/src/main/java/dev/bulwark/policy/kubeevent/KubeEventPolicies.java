package dev.bulwark.policy.kubeevent;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.bulwark.policy.model.EnforcementAction;
import dev.bulwark.policy.model.EventSource;
import dev.bulwark.policy.model.Exclusion;
import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.Policy;
import dev.bulwark.policy.model.PolicyGroup;
import dev.bulwark.policy.model.PolicySection;
import dev.bulwark.policy.model.Scope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The enabled runtime policies about pod actions, and which of them a request violates. A policy is
 * one when it has the runtime stage, the deployment-event source and a section with a {@code
 * Kubernetes Resource} criterion. A section matches when every criterion does: {@code Kubernetes
 * Resource}, {@code Kubernetes User Name} and {@code Kubernetes User Groups}, each when the request
 * has one of the values (names are exact, as the policy validator requires). Sections with other
 * criteria need the pod's workload, which one request does not carry, and are not judged here.
 * Scopes match on cluster and namespace; a scope or an exclusion that needs labels or a deployment
 * name cannot be decided from the request and counts as not matching. Immutable and thread-safe.
 */
public final class KubeEventPolicies {
  static final String RESOURCE = "Kubernetes Resource";
  static final String USER_NAME = "Kubernetes User Name";
  static final String USER_GROUPS = "Kubernetes User Groups";

  private final List<Policy> policies;

  /** Each expression compiled once, on first use (the policies hold a few). */
  private final Map<String, Optional<Pattern>> patterns = new ConcurrentHashMap<>();

  private KubeEventPolicies(List<Policy> policies) {
    this.policies = List.copyOf(policies);
  }

  /** The policies of {@code all} that judge pod actions (enabled ones only). */
  public static KubeEventPolicies of(List<Policy> all) {
    List<Policy> selected = new ArrayList<>();
    for (Policy policy : all) {
      if (!policy.disabled()
          && policy.lifecycleStages().contains(LifecycleStage.RUNTIME)
          && policy.eventSource() == EventSource.DEPLOYMENT_EVENT
          && policy.sections().stream().anyMatch(KubeEventPolicies::judgesPodActions)) {
        selected.add(policy);
      }
    }
    return new KubeEventPolicies(selected);
  }

  public List<Policy> policies() {
    return policies;
  }

  /** The policies the event violates, in policy order. */
  public List<KubeEventMatch> match(KubeEvent event, String cluster, Instant now) {
    List<KubeEventMatch> matches = new ArrayList<>();
    for (Policy policy : policies) {
      if (inScope(policy, event, cluster)
          && !excluded(policy, event, cluster, now)
          && policy.sections().stream().anyMatch(section -> matches(section, event))) {
        matches.add(
            new KubeEventMatch(
                policy,
                event.describe(),
                policy
                    .enforcementActions()
                    .contains(EnforcementAction.FAIL_KUBE_REQUEST_ENFORCEMENT)));
      }
    }
    return matches;
  }

  private static boolean judgesPodActions(PolicySection section) {
    boolean resource = false;
    for (PolicyGroup group : section.groups()) {
      switch (group.fieldName()) {
        case RESOURCE -> resource = true;
        case USER_NAME, USER_GROUPS -> {
          // judged from the request's user
        }
        default -> {
          return false;
        }
      }
    }
    return resource;
  }

  private boolean matches(PolicySection section, KubeEvent event) {
    if (!KubeEventPolicies.judgesPodActions(section)) {
      return false;
    }
    for (PolicyGroup group : section.groups()) {
      boolean matched =
          switch (group.fieldName()) {
            case RESOURCE ->
                group.values().stream()
                    .anyMatch(value ->
                        value.strip().toUpperCase(Locale.ROOT).equals(event.resource().name()));
            case USER_NAME -> group.values().contains(event.user());
            case USER_GROUPS -> group.values().stream().anyMatch(event.groups()::contains);
            default -> false;
          };
      if (matched == group.negate()) {
        return false;
      }
    }
    return true;
  }

  private boolean inScope(Policy policy, KubeEvent event, String cluster) {
    return policy.scope().isEmpty()
        || policy.scope().stream().anyMatch(scope -> scopeMatches(scope, event, cluster));
  }

  private boolean excluded(Policy policy, KubeEvent event, String cluster, Instant now) {
    for (Exclusion exclusion : policy.exclusions()) {
      Instant expiration = exclusion.expiration();
      Exclusion.Deployment deployment = exclusion.deployment();
      if ((expiration == null || expiration.isAfter(now))
          && deployment != null
          && deployment.name() == null
          && deployment.scope() != null
          && scopeMatches(deployment.scope(), event, cluster)) {
        return true;
      }
    }
    return false;
  }

  private boolean scopeMatches(Scope scope, KubeEvent event, String cluster) {
    if (scope.label() != null || scope.clusterLabel() != null || scope.namespaceLabel() != null) {
      return false;
    }
    return matchesIfSet(scope.cluster(), cluster)
        && matchesIfSet(scope.namespace(), event.namespace());
  }

  private boolean matchesIfSet(@Nullable String pattern, String text) {
    if (pattern == null || pattern.isEmpty()) {
      return true;
    }
    Pattern compiled = compile(pattern);
    return compiled != null && compiled.matches(text);
  }

  /**
   * Policies were validated when read; an expression that still does not compile matches nothing.
   */
  private @Nullable Pattern compile(String pattern) {
    return patterns
        .computeIfAbsent(
            pattern,
            text -> {
              try {
                return Optional.of(Pattern.compile(text));
              } catch (PatternSyntaxException e) {
                return Optional.empty();
              }
            })
        .orElse(null);
  }
}
