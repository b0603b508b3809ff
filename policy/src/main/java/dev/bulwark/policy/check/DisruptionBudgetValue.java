package dev.bulwark.policy.check;

import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import dev.bulwark.core.manifest.ScalarNode;
import org.jspecify.annotations.Nullable;

/**
 * A PodDisruptionBudget's {@code minAvailable} or {@code maxUnavailable}: a pod count or a
 * percentage of the selected pods ("50%"). Values the API server would reject read as absent.
 */
record DisruptionBudgetValue(int amount, boolean percent, String written) {
  static boolean isBudget(ManifestObject object) {
    return object.kind().equals("PodDisruptionBudget") && object.group().equals("policy");
  }

  static @Nullable DisruptionBudgetValue read(@Nullable MapNode spec, String field) {
    Node node = spec == null ? null : spec.get(field);
    if (!(node instanceof ScalarNode scalar) || scalar.asText() == null) {
      return null;
    }
    String text = scalar.asText().trim();
    Long number = scalar.asLong();
    if (number != null) {
      return number >= 0 && number <= Integer.MAX_VALUE
          ? new DisruptionBudgetValue(number.intValue(), false, text)
          : null;
    }
    if (text.endsWith("%")) {
      try {
        int amount = Integer.parseInt(text.substring(0, text.length() - 1));
        return amount >= 0 && amount <= 100 ? new DisruptionBudgetValue(amount, true, text) : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** The pod count this value means for {@code replicas} pods; percentages round up. */
  int of(int replicas) {
    return percent ? (int) Math.ceil(replicas * (amount / 100.0)) : amount;
  }
}
