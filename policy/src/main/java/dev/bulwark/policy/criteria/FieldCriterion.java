package dev.bulwark.policy.criteria;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.policy.field.PolicyField;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The common shape of a criterion: read one value {@code X} from the subject, test it against each
 * of the group's values, combine the results with the group's operator (OR: any, AND: all), then
 * apply the negation.
 */
final class FieldCriterion<S, X extends @Nullable Object> implements Criterion<S> {
  private final PolicyField field;
  private final Function<S, ? extends @Nullable X> reader;
  private final List<Predicate<X>> values;
  private final boolean requireAll;
  private final boolean negate;
  private final Function<S, String> describer;
  private final Function<S, FieldPath> path;

  FieldCriterion(
      PolicyField field,
      Function<S, ? extends @Nullable X> reader,
      List<Predicate<X>> values,
      boolean requireAll,
      boolean negate,
      Function<S, String> describer,
      Function<S, FieldPath> path) {
    this.field = field;
    this.reader = reader;
    this.values = List.copyOf(values);
    this.requireAll = requireAll;
    this.negate = negate;
    this.describer = describer;
    this.path = path;
  }

  @Override
  public PolicyField field() {
    return field;
  }

  @Override
  public boolean test(S subject) {
    X actual = reader.apply(subject);
    if (actual == null) {
      return false;
    }
    boolean result = requireAll;
    for (Predicate<X> value : values) {
      if (value.test(actual) != requireAll) {
        result = !requireAll;
        break;
      }
    }
    return result != negate;
  }

  @Override
  public String describe(S subject) {
    return describer.apply(subject);
  }

  @Override
  public FieldPath path(S subject) {
    return path.apply(subject);
  }
}
