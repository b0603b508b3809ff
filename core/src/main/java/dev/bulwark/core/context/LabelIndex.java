package dev.bulwark.core.context;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Finds the selectors (Services, NetworkPolicies) that may select a set of pod labels without
 * looking at every one: each selector is filed under one label it requires, so only those filed
 * under a label the pods have, and those requiring no label, are candidates. Candidates still have
 * to be matched in full. Immutable and thread-safe.
 */
final class LabelIndex<T> {
  private record Entry<T>(int order, T item) {}

  private static final Comparator<Entry<?>> INPUT_ORDER = Comparator.comparingInt(Entry::order);

  private final Map<Map.Entry<String, String>, List<Entry<T>>> byLabel;
  private final List<Entry<T>> unfiled;

  /**
   * @param requiredLabels labels an item requires; an item requiring none is always a candidate
   */
  LabelIndex(List<T> items, Function<T, Map<String, String>> requiredLabels) {
    Map<Map.Entry<String, String>, List<Entry<T>>> filed = new HashMap<>();
    List<Entry<T>> rest = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Entry<T> entry = new Entry<>(i, items.get(i));
      Map<String, String> labels = requiredLabels.apply(entry.item());
      if (labels.isEmpty()) {
        rest.add(entry);
      } else {
        Map.Entry<String, String> label = labels.entrySet().iterator().next();
        filed
            .computeIfAbsent(Map.entry(label.getKey(), label.getValue()), key -> new ArrayList<>())
            .add(entry);
      }
    }
    Map<Map.Entry<String, String>, List<Entry<T>>> copy = new HashMap<>();
    filed.forEach((label, entries) -> copy.put(label, List.copyOf(entries)));
    this.byLabel = Map.copyOf(copy);
    this.unfiled = List.copyOf(rest);
  }

  /** The items that may select {@code labels}, in input order so that results are stable. */
  List<T> candidates(Map<String, String> labels) {
    List<Entry<T>> found = new ArrayList<>(unfiled);
    for (Map.Entry<String, String> label : labels.entrySet()) {
      List<Entry<T>> filed = byLabel.get(Map.entry(label.getKey(), label.getValue()));
      if (filed != null) {
        found.addAll(filed);
      }
    }
    found.sort(INPUT_ORDER);
    List<T> out = new ArrayList<>(found.size());
    for (Entry<T> entry : found) {
      out.add(entry.item());
    }
    return out;
  }
}
