package dev.bulwark.policy.engine;

import dev.bulwark.policy.field.PolicyField;
import org.jspecify.annotations.Nullable;

/**
 * The field of a criterion left undecided for want of image data.
 *
 * @param reason why the provider does not know it, as the image data declares it; null when there
 *     is no image data for the criterion at all (no provider, an image it does not know, or an
 *     image never scanned)
 */
record UnknownField(PolicyField field, @Nullable String reason) {
  static UnknownField noImageData(PolicyField field) {
    return new UnknownField(field, null);
  }
}
