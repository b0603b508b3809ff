package dev.bulwark.policy.engine;

import dev.bulwark.core.image.ImageData;
import dev.bulwark.policy.criteria.Criterion;
import dev.bulwark.policy.field.PolicyField;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The criteria of one section that one image's data cannot decide, collected while the others are
 * decided: those whose field the data declares unknown (with the data's reason), and those it has
 * nothing for (an image never scanned). Used by one thread for one section and container.
 */
final class ImageUnknowns {
  private final Map<String, String> declared;
  private final List<UnknownField> found = new ArrayList<>();

  ImageUnknowns(ImageData data) {
    this.declared = data.unknownFields();
  }

  boolean isEmpty() {
    return found.isEmpty();
  }

  List<UnknownField> fields() {
    return found;
  }

  boolean isDeclared(Criterion<?> criterion) {
    return declared.containsKey(criterion.field().fieldName());
  }

  /** True when some criterion's field is declared unknown. */
  boolean anyDeclared(List<? extends Criterion<?>> criteria) {
    for (Criterion<?> criterion : criteria) {
      if (isDeclared(criterion)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The conjunction in three-valued logic, the unknown part recorded: false when a criterion whose
   * field is known is false; else true, the criteria on declared-unknown fields recorded.
   */
  <S> boolean allKnownHold(List<Criterion<S>> criteria, S subject) {
    if (!knownHold(criteria, subject)) {
      return false;
    }
    addDeclared(criteria);
    return true;
  }

  /** True when every criterion whose field is known holds for the subject; records nothing. */
  <S> boolean knownHold(List<Criterion<S>> criteria, S subject) {
    for (Criterion<S> criterion : criteria) {
      if (!isDeclared(criterion) && !criterion.test(subject)) {
        return false;
      }
    }
    return true;
  }

  /** Records the criteria whose fields are declared unknown. */
  void addDeclared(List<? extends Criterion<?>> criteria) {
    for (Criterion<?> criterion : criteria) {
      String reason = declared.get(criterion.field().fieldName());
      if (reason != null) {
        found.add(new UnknownField(criterion.field(), reason));
      }
    }
  }

  /**
   * Records every criterion as unknown: for the declared ones the data's reason, for the others
   * {@code reason} (null: no image data for them).
   */
  void addAll(List<? extends Criterion<?>> criteria, @Nullable String reason) {
    for (Criterion<?> criterion : criteria) {
      String own = declared.get(criterion.field().fieldName());
      found.add(new UnknownField(criterion.field(), own != null ? own : reason));
    }
  }

  /** Records the fields as having no image data at all. */
  void addWithoutData(List<PolicyField> fields) {
    for (PolicyField field : fields) {
      found.add(UnknownField.noImageData(field));
    }
  }
}
