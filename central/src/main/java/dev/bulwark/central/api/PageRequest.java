package dev.bulwark.central.api;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The pagination convention of every list endpoint: {@code ?limit=N} (1 to 500, default 50) and
 * {@code ?cursor=C}, where C is the {@code nextCursor} of the previous page. Cursors are opaque to
 * clients; inside, each list puts the sort key of the last item it returned (keyset pagination, so
 * pages stay stable while rows are added).
 *
 * @param after the decoded cursor: the key the next page starts after; null for the first page
 */
public record PageRequest(int limit, @Nullable String after) {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  public PageRequest {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT);
    }
  }

  /**
   * The page the request asks for.
   *
   * @throws ApiProblem 400 for a malformed limit or cursor
   */
  public static PageRequest of(Context ctx) {
    String limit = ctx.queryParam("limit");
    int parsed = DEFAULT_LIMIT;
    if (limit != null) {
      try {
        parsed = Integer.parseInt(limit);
      } catch (NumberFormatException e) {
        parsed = -1;
      }
      if (parsed < 1 || parsed > MAX_LIMIT) {
        throw ApiProblem.badRequest(
            "invalid-parameter",
            "limit must be a whole number from 1 to " + MAX_LIMIT + ", found '" + limit + "'");
      }
    }
    String cursor = ctx.queryParam("cursor");
    return new PageRequest(parsed, cursor == null ? null : decode(cursor));
  }

  /** How many rows to fetch: one more than the limit, to know whether another page follows. */
  public int fetch() {
    return limit + 1;
  }

  /**
   * The page made of {@code fetched} (at most {@link #fetch()} items, in order), with a cursor
   * holding {@code key} of the last item when more follow.
   */
  public <T> Page<T> page(List<T> fetched, Function<T, String> key) {
    if (fetched.size() <= limit) {
      return new Page<>(fetched, null);
    }
    List<T> items = fetched.subList(0, limit);
    return new Page<>(items, encode(key.apply(items.getLast())));
  }

  /** 400 for a cursor whose key does not parse: it was not made by this server. */
  public static ApiProblem invalidCursor() {
    return ApiProblem.badRequest(
        "invalid-cursor",
        "the cursor was not returned by this list; leave it out to start from the first page");
  }

  static String encode(String key) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(key.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String cursor) {
    try {
      return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalidCursor();
    }
  }
}
