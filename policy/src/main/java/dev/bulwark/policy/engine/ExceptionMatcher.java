package dev.bulwark.policy.engine;

import dev.bulwark.core.workload.Container;
import dev.bulwark.policy.criteria.TextPattern;
import dev.bulwark.policy.exception.PolicyException;
import dev.bulwark.policy.model.Policy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A compiled Bulwark exception: which policies it waives (by name, id or category) and where
 * (cluster, namespaces, labels, workloads, images; an empty list means anywhere). An exception that
 * names neither policies nor categories waives nothing: a waiver must say what it waives.
 */
final class ExceptionMatcher {
  private final PolicyException exception;
  private final @Nullable TextPattern cluster;
  private final List<TextPattern> namespaces;
  private final Map<String, TextPattern> labels;
  private final List<TextPattern> workloads;
  private final List<TextPattern> images;
  private final Waiver waiver;

  private ExceptionMatcher(
      PolicyException exception,
      @Nullable TextPattern cluster,
      List<TextPattern> namespaces,
      Map<String, TextPattern> labels,
      List<TextPattern> workloads,
      List<TextPattern> images) {
    this.exception = exception;
    this.cluster = cluster;
    this.namespaces = List.copyOf(namespaces);
    this.labels = Map.copyOf(labels);
    this.workloads = List.copyOf(workloads);
    this.images = List.copyOf(images);
    this.waiver =
        new Waiver(
            Waiver.Kind.EXCEPTION,
            exception.name(),
            exception.reason(),
            exception.owner(),
            exception.ticket(),
            exception.expires());
  }

  static ExceptionMatcher compile(PolicyException exception, ProblemSink problems) {
    String clusterValue = exception.cluster();
    TextPattern cluster =
        clusterValue == null || clusterValue.isEmpty()
            ? null
            : problems.pattern(clusterValue, "cluster");
    Map<String, TextPattern> labels = new LinkedHashMap<>();
    exception
        .labels()
        .forEach((key, value) -> {
          TextPattern pattern =
              value.isEmpty() ? TextPattern.ANY : problems.pattern(value, "labels." + key);
          if (pattern != null) {
            labels.put(key, pattern);
          }
        });
    return new ExceptionMatcher(
        exception,
        cluster,
        patterns(exception.namespaces(), "namespaces", problems),
        labels,
        patterns(exception.workloads(), "workloads", problems),
        patterns(exception.images(), "images", problems));
  }

  private static List<TextPattern> patterns(
      List<String> values, String field, ProblemSink problems) {
    List<TextPattern> patterns = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      TextPattern pattern = problems.pattern(values.get(i), field + "[" + i + "]");
      if (pattern != null) {
        patterns.add(pattern);
      }
    }
    return patterns;
  }

  Waiver waiver() {
    return waiver;
  }

  /** True when the exception names the policy, by name or id, or one of its categories. */
  boolean targets(Policy policy) {
    for (String target : exception.policies()) {
      if (target.equalsIgnoreCase(policy.name()) || target.equals(policy.id())) {
        return true;
      }
    }
    for (String category : exception.categories()) {
      for (String policyCategory : policy.categories()) {
        if (category.equalsIgnoreCase(policyCategory)) {
          return true;
        }
      }
    }
    return false;
  }

  /** True when the exception is in force and its scope covers the object. */
  boolean covers(ObjectEvaluation object) {
    if (exception.isExpired(object.input().now())) {
      return false;
    }
    if (cluster != null && !cluster.matches(object.cluster())) {
      return false;
    }
    return (namespaces.isEmpty() || anyMatches(namespaces, object.namespace()))
        && labelsMatch(object.labels())
        && (workloads.isEmpty() || anyMatches(workloads, object.name()))
        && (images.isEmpty() || anyImageMatches(object.containers()));
  }

  private boolean labelsMatch(Map<String, String> objectLabels) {
    for (Map.Entry<String, TextPattern> label : labels.entrySet()) {
      String value = objectLabels.get(label.getKey());
      if (value == null || !label.getValue().matches(value)) {
        return false;
      }
    }
    return true;
  }

  private boolean anyImageMatches(List<Container> containers) {
    for (Container container : containers) {
      if (anyMatches(images, container.image().fullName())) {
        return true;
      }
    }
    return false;
  }

  private static boolean anyMatches(List<TextPattern> patterns, String text) {
    for (TextPattern pattern : patterns) {
      if (pattern.matches(text)) {
        return true;
      }
    }
    return false;
  }
}
