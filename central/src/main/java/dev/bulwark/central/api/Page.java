package dev.bulwark.central.api;

import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One page of a list endpoint: {@code {"items": [...], "nextCursor": "..."}}. Pass {@code
 * nextCursor} as {@code ?cursor=} to get the next page; it is null on the last page.
 */
public record Page<T>(List<T> items, @Nullable String nextCursor) {
  public Page {
    items = List.copyOf(items);
  }

  /** The same page with each item converted (e.g. a stored record to its API view). */
  public <R> Page<R> map(Function<T, R> conversion) {
    return new Page<>(items.stream().map(conversion).toList(), nextCursor);
  }
}
