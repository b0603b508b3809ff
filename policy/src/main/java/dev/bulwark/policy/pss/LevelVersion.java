package dev.bulwark.policy.pss;

import java.util.Objects;

/**
 * A level at a policy version, such as {@code restricted:v1.30}: what a namespace label pair or a
 * command line names.
 */
public record LevelVersion(Level level, PolicyVersion version) {
  public LevelVersion {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(version, "version");
  }

  /** {@code level} at {@code latest}. */
  public static LevelVersion latest(Level level) {
    return new LevelVersion(level, PolicyVersion.latest());
  }

  /**
   * Reads {@code LEVEL} or {@code LEVEL:VERSION}, such as {@code baseline} or {@code
   * restricted:v1.30}; the version defaults to {@code latest}.
   *
   * @throws IllegalArgumentException naming the part that is wrong and what is accepted
   */
  public static LevelVersion parse(String text) {
    int colon = text.indexOf(':');
    if (colon < 0) {
      return latest(Level.parse(text));
    }
    return new LevelVersion(
        Level.parse(text.substring(0, colon)), PolicyVersion.parse(text.substring(colon + 1)));
  }

  /** {@code level:version}. */
  @Override
  public String toString() {
    return level + ":" + version;
  }
}
