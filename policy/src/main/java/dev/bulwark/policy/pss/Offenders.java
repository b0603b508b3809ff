package dev.bulwark.policy.pss;

import dev.bulwark.core.manifest.FieldPath;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The parts of a pod that break one rule (the pod itself, containers, annotations, volumes), in the
 * order they were found, with the field of the first. Not thread-safe; one per evaluation.
 */
final class Offenders {
  private final List<String> containers = new ArrayList<>();
  private boolean pod;
  private @Nullable FieldPath first;

  void pod(FieldPath path) {
    pod = true;
    remember(path);
  }

  void container(String name, FieldPath path) {
    containers.add(name);
    remember(path);
  }

  /** Remembers {@code path} as the offending field if it is the first. */
  void remember(FieldPath path) {
    if (first == null) {
      first = path;
    }
  }

  boolean isEmpty() {
    return first == null;
  }

  /** {@code singular} when one part offends, else {@code plural}: "container sets", "sets". */
  String verb(String singular, String plural) {
    return (pod ? 1 : 0) + containers.size() == 1 ? singular : plural;
  }

  /** The first offending field; only after something was added. */
  FieldPath firstPath() {
    if (first == null) {
      throw new IllegalStateException("no offender was added");
    }
    return first;
  }

  /** {@code pod}, {@code container "a"}, {@code pod and containers "a", "b"}. */
  String subjects() {
    List<String> parts = new ArrayList<>(2);
    if (pod) {
      parts.add("pod");
    }
    if (!containers.isEmpty()) {
      parts.add(containerList());
    }
    return String.join(" and ", parts);
  }

  /** {@code container "a"} or {@code containers "a", "b"}. */
  String containerList() {
    return noun(containers.size(), "container", "containers") + " " + quoted(containers);
  }

  /** {@code "a", "b"}, without repeats. */
  static String quoted(Collection<String> values) {
    Set<String> distinct = new LinkedHashSet<>(values);
    return distinct.stream().map(value -> "\"" + value + "\"").collect(Collectors.joining(", "));
  }

  static String noun(int count, String singular, String plural) {
    return count == 1 ? singular : plural;
  }
}
