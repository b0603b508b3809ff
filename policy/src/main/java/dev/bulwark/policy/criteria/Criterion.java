package dev.bulwark.policy.criteria;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.policy.field.PolicyField;

/**
 * One compiled policy group: a field, its values, the boolean operator and the negation. Immutable
 * and thread-safe; {@link #test} is pure and allocates nothing beyond what regex matching needs.
 *
 * @param <S> the subject the criterion reads: the workload, a container, or one element of a
 *     container
 */
public interface Criterion<S> {
  PolicyField field();

  /**
   * True when the subject satisfies the group. A subject that lacks the field's value never
   * satisfies it, negated or not (StackRox's rule for absent values).
   */
  boolean test(S subject);

  /** What the subject has, in words for people, for a violation message; never a secret value. */
  String describe(S subject);

  /** The field of the object this criterion read (or its closest meaningful parent). */
  FieldPath path(S subject);
}
