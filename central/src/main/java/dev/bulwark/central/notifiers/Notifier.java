package dev.bulwark.central.notifiers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.central.notifiers.channel.NotifierType;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A notifier as stored, without its secrets (only their names).
 *
 * @param settings the type's settings, secrets excluded
 * @param secretNames the secrets that are set
 * @param targetAnnotation the annotation whose value (on the deployment, else its namespace)
 *     replaces the type's target; null for none
 * @param updatedBy the name of the token that made the last change
 */
public record Notifier(
    UUID id,
    String name,
    NotifierType type,
    ObjectNode settings,
    Set<String> secretNames,
    @Nullable String targetAnnotation,
    Instant createdAt,
    Instant updatedAt,
    String updatedBy,
    Status status) {
  public Notifier {
    settings = settings.deepCopy();
    secretNames = Set.copyOf(secretNames);
  }

  /**
   * How deliveries to the notifier fare.
   *
   * @param consecutiveFailures failed attempts since the last success
   * @param lastError the last failure, without secrets; null when there was none
   * @param pending deliveries waiting to be sent (or retried)
   * @param gaveUp deliveries given up on, kept until pruned
   */
  public record Status(
      int consecutiveFailures,
      @Nullable String lastError,
      @Nullable Instant lastFailureAt,
      @Nullable Instant lastSuccessAt,
      long pending,
      long gaveUp) {
    /**
     * {@code failing} after a failed attempt, until the next success; {@code healthy} otherwise.
     */
    public String state() {
      return consecutiveFailures > 0 ? "failing" : "healthy";
    }
  }
}
