package dev.bulwark.policy.pss;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One check of the Pod Security Standards, with the admission plugin's ID, its level and how it
 * changed between policy versions. Immutable and thread-safe.
 */
public final class PodSecurityCheck {
  /** The rule in force from {@code sinceMinor} until the next stage. */
  record Stage(int sinceMinor, PodCheckRule rule) {
    Stage {
      Objects.requireNonNull(rule, "rule");
    }
  }

  private final String id;
  private final Level level;
  private final String summary;
  private final List<Stage> stages;
  private final Set<String> overrides;

  PodSecurityCheck(
      String id, Level level, String summary, Set<String> overrides, List<Stage> stages) {
    this.id = Objects.requireNonNull(id, "id");
    this.level = Objects.requireNonNull(level, "level");
    this.summary = Objects.requireNonNull(summary, "summary");
    this.overrides = Set.copyOf(overrides);
    this.stages = List.copyOf(stages);
  }

  static PodSecurityCheck baseline(String id, String summary, Stage... stages) {
    return new PodSecurityCheck(id, Level.BASELINE, summary, Set.of(), List.of(stages));
  }

  static PodSecurityCheck restricted(
      String id, String summary, Set<String> overrides, Stage... stages) {
    return new PodSecurityCheck(id, Level.RESTRICTED, summary, overrides, List.of(stages));
  }

  static Stage since(int minor, PodCheckRule rule) {
    return new Stage(minor, rule);
  }

  /** The admission plugin's check ID, such as {@code runAsNonRoot}. */
  public String id() {
    return id;
  }

  /** The lowest level that applies this check; restricted applies every baseline check too. */
  public Level level() {
    return level;
  }

  /** What the check requires, in one sentence. */
  public String summary() {
    return summary;
  }

  /**
   * Baseline checks this one replaces at the restricted level, because it requires the same and
   * more (restricted volume types subsume the hostPath check, say).
   */
  public Set<String> overrides() {
    return overrides;
  }

  /** The policy versions at which the check started or changed, oldest first. */
  public List<PolicyVersion> changedIn() {
    return stages.stream().map(stage -> PolicyVersion.of(stage.sinceMinor())).toList();
  }

  List<Stage> stages() {
    return stages;
  }

  /** The rule in force at {@code minor}, or null before the check existed. */
  @Nullable PodCheckRule ruleAt(int minor) {
    PodCheckRule rule = null;
    for (Stage stage : stages) {
      if (stage.sinceMinor() <= minor) {
        rule = stage.rule();
      }
    }
    return rule;
  }

  @Override
  public String toString() {
    return id;
  }
}
