package dev.bulwark.central.policies;

import dev.bulwark.central.api.FieldError;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The outcome of importing a bundle of policies: one result per policy, in bundle order. */
public record PolicyImport(boolean dryRun, boolean overwrite, List<Result> results) {
  public PolicyImport {
    results = List.copyOf(results);
  }

  /** What happened (or, in a dry run, would happen) to one policy of the bundle. */
  public enum Status {
    /** Stored as a new policy. */
    CREATED,
    /** Replaced a policy with the same id or name ({@code overwrite=true}). */
    UPDATED,
    /** A policy with the same id and the same content exists; nothing to do. */
    UNCHANGED,
    /** Its id or name is taken by a different policy, and overwriting was not asked for. */
    CONFLICT,
    /** The policy is invalid; see the errors. */
    INVALID
  }

  /**
   * A stored policy that holds the id or the name of an imported one.
   *
   * @param field {@code id} or {@code name}: which of them is taken
   */
  public record Conflict(String field, String policyId, String policyName) {}

  /**
   * One policy's result.
   *
   * @param index its position in the bundle
   * @param id its id; null when it is too invalid to have one
   * @param name its name; null when it is too invalid to have one
   * @param errors for {@link Status#INVALID}: what is wrong, as JSON pointers into the request body
   */
  public record Result(
      int index,
      @Nullable String id,
      @Nullable String name,
      Status status,
      List<Conflict> conflicts,
      List<FieldError> errors) {
    public Result {
      conflicts = List.copyOf(conflicts);
      errors = List.copyOf(errors);
    }
  }

  /** How many results have {@code status}. */
  public long count(Status status) {
    return results.stream().filter(result -> result.status() == status).count();
  }
}
