package dev.bulwark.policy.exception;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A waiver of policies (by name or id) or whole categories for a scope.
 *
 * <p>Every non-empty scope field must match for the exception to apply: {@code namespaces}, {@code
 * workloads} and {@code images} are lists of anchored regular expressions (any one may match);
 * {@code labels} must all be present with a value matching the regex.
 *
 * @param expires the instant after which the exception no longer applies; null = never
 */
public record PolicyException(
    String name,
    List<String> policies,
    List<String> categories,
    @Nullable String cluster,
    List<String> namespaces,
    Map<String, String> labels,
    List<String> workloads,
    List<String> images,
    String owner,
    String reason,
    @Nullable String ticket,
    @Nullable Instant expires,
    String file) {
  public PolicyException {
    policies = List.copyOf(policies);
    categories = List.copyOf(categories);
    namespaces = List.copyOf(namespaces);
    labels = Map.copyOf(labels);
    workloads = List.copyOf(workloads);
    images = List.copyOf(images);
  }

  public boolean isExpired(Instant now) {
    return expires != null && !now.isBefore(expires);
  }
}
