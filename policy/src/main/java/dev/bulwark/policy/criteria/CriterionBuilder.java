package dev.bulwark.policy.criteria;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.policy.field.PolicyField;
import dev.bulwark.policy.model.BooleanOperator;
import dev.bulwark.policy.model.PolicyGroup;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Assembles a {@link FieldCriterion} from the parts each criterion defines: how its values parse,
 * what it reads from the subject, how it describes the subject and where the field lives.
 */
final class CriterionBuilder<S, X> {
  private final PolicyField field;
  private final PolicyGroup group;
  private @Nullable List<Predicate<X>> tests;
  private @Nullable Function<S, ? extends @Nullable X> reader;
  private @Nullable Function<S, String> describer;
  private @Nullable Function<S, FieldPath> path;
  private boolean inverted;

  private CriterionBuilder(PolicyField field, PolicyGroup group) {
    this.field = field;
    this.group = group;
  }

  static <S, X> CriterionBuilder<S, X> of(PolicyField field, PolicyGroup group) {
    return new CriterionBuilder<>(field, group);
  }

  /** Parses the group's values; on a bad value the problem is recorded and build returns null. */
  CriterionBuilder<S, X> values(List<ValueProblem> problems, Values.Parser<Predicate<X>> parser) {
    this.tests = Values.parseAll(group, problems, parser);
    return this;
  }

  /** Values parsed by the caller; null when they did not parse. */
  CriterionBuilder<S, X> tests(@Nullable List<Predicate<X>> parsed) {
    this.tests = parsed;
    return this;
  }

  /** What the criterion reads; null means the subject has no such value (never matches). */
  CriterionBuilder<S, X> reads(Function<S, ? extends @Nullable X> reader) {
    this.reader = reader;
    return this;
  }

  CriterionBuilder<S, X> describedAs(Function<S, String> describer) {
    this.describer = describer;
    return this;
  }

  CriterionBuilder<S, X> at(Function<S, FieldPath> path) {
    this.path = path;
    return this;
  }

  /**
   * The criterion matches when the values do NOT hold (StackRox negates Drop Capabilities and Image
   * Signature Verified By internally: the values say what is required).
   */
  CriterionBuilder<S, X> inverted() {
    this.inverted = true;
    return this;
  }

  @Nullable Criterion<S> build() {
    if (tests == null) {
      return null;
    }
    return new FieldCriterion<>(
        field,
        Objects.requireNonNull(reader, "reader"),
        tests,
        group.booleanOperator() == BooleanOperator.AND,
        group.negate() != inverted,
        Objects.requireNonNull(describer, "describer"),
        Objects.requireNonNull(path, "path"));
  }
}
