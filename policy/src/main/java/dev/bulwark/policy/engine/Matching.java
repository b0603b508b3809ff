package dev.bulwark.policy.engine;

import dev.bulwark.policy.criteria.Criterion;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** Conjunctions of criteria over one subject or over the elements of one kind. */
final class Matching {
  private Matching() {}

  static <S> boolean all(List<Criterion<S>> criteria, S subject) {
    for (Criterion<S> criterion : criteria) {
      if (!criterion.test(subject)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The elements that satisfy every criterion, or null when there are no criteria of this kind (the
   * kind does not constrain the container). Elements are only built when needed.
   */
  static <E> @Nullable List<E> matching(List<Criterion<E>> criteria, Supplier<List<E>> elements) {
    if (criteria.isEmpty()) {
      return null;
    }
    List<E> matched = new ArrayList<>();
    for (E element : elements.get()) {
      if (all(criteria, element)) {
        matched.add(element);
      }
    }
    return matched;
  }
}
