package dev.bulwark.core.manifest;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A sequence. */
public record ListNode(List<Node> items, Position position) implements Node {
  public ListNode {
    items = List.copyOf(items);
  }

  public int size() {
    return items.size();
  }

  public Node get(int index) {
    return items.get(index);
  }

  @Override
  public List<@Nullable Object> toJava() {
    List<@Nullable Object> out = new ArrayList<>(items.size());
    for (Node item : items) {
      out.add(item.toJava());
    }
    return out;
  }
}
