package dev.bulwark.policy.engine;

import dev.bulwark.policy.criteria.KeyValuePattern;
import dev.bulwark.policy.criteria.TextPattern;
import dev.bulwark.policy.model.LabelSelector;
import dev.bulwark.policy.model.Scope;
import org.jspecify.annotations.Nullable;

/**
 * A compiled StackRox scope: every set field must match. Cluster labels are not known where the
 * engine runs (an object does not say which cluster labels it will land on), so a scope with a
 * cluster label never matches; this keeps a policy restricted to labelled clusters from firing
 * everywhere.
 */
final class ScopeMatcher {
  private final @Nullable TextPattern cluster;
  private final @Nullable TextPattern namespace;
  private final @Nullable KeyValuePattern label;
  private final @Nullable KeyValuePattern namespaceLabel;
  private final boolean needsClusterLabel;

  private ScopeMatcher(
      @Nullable TextPattern cluster,
      @Nullable TextPattern namespace,
      @Nullable KeyValuePattern label,
      @Nullable KeyValuePattern namespaceLabel,
      boolean needsClusterLabel) {
    this.cluster = cluster;
    this.namespace = namespace;
    this.label = label;
    this.namespaceLabel = namespaceLabel;
    this.needsClusterLabel = needsClusterLabel;
  }

  static ScopeMatcher compile(Scope scope, String field, ProblemSink problems) {
    return new ScopeMatcher(
        optional(scope.cluster(), field + ".cluster", problems),
        optional(scope.namespace(), field + ".namespace", problems),
        selector(scope.label(), field + ".label", problems),
        selector(scope.namespaceLabel(), field + ".namespaceLabel", problems),
        scope.clusterLabel() != null);
  }

  private static @Nullable TextPattern optional(
      @Nullable String value, String field, ProblemSink problems) {
    return value == null || value.isEmpty() ? null : problems.pattern(value, field);
  }

  private static @Nullable KeyValuePattern selector(
      @Nullable LabelSelector selector, String field, ProblemSink problems) {
    return selector == null ? null : problems.keyValue(selector.key(), selector.value(), field);
  }

  boolean matches(ObjectEvaluation object) {
    if (needsClusterLabel) {
      return false;
    }
    if (cluster != null && !cluster.matches(object.cluster())) {
      return false;
    }
    if (namespace != null && !namespace.matches(object.namespace())) {
      return false;
    }
    if (label != null && !label.presentIn(object.labels())) {
      return false;
    }
    return namespaceLabel == null || namespaceLabel.presentIn(object.namespaceLabels());
  }
}
