package dev.bulwark.policy.engine;

import dev.bulwark.core.context.InputIndex;
import dev.bulwark.policy.check.CheckEvaluator;
import dev.bulwark.policy.check.LocatedField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What one policy's checks judged across the input kept of one object while the input was read,
 * with the waiver that applies to the object (exceptions and annotations are read then, since the
 * object is not kept). Immutable and thread-safe.
 */
public final class DeferredOutcome {
  private final PolicyProgram program;
  private final List<CheckEvaluator.Deferred> parts;
  private final @Nullable Waiver waiver;

  DeferredOutcome(
      PolicyProgram program, List<CheckEvaluator.Deferred> parts, @Nullable Waiver waiver) {
    this.program = program;
    this.parts = List.copyOf(parts);
    this.waiver = waiver;
  }

  public CompiledPolicy policy() {
    return program;
  }

  /**
   * Judges the kept parts against the whole input: the violated outcome (violations deduplicated by
   * message, in the order found), or null when the object passes. Pure.
   */
  public @Nullable PolicyOutcome judge(InputIndex input) {
    Map<String, LocatedField> found = new LinkedHashMap<>();
    for (CheckEvaluator.Deferred part : parts) {
      part.judge(input, found::putIfAbsent);
    }
    if (found.isEmpty()) {
      return null;
    }
    List<Violation> violations = new ArrayList<>(found.size());
    found.forEach((message, field) ->
        violations.add(new Violation(message, field.path(), field.location(), waiver)));
    return PolicyOutcome.violated(program, violations);
  }

  @Override
  public String toString() {
    return "DeferredOutcome[" + program.policy().name() + ", " + parts.size() + " parts]";
  }
}
