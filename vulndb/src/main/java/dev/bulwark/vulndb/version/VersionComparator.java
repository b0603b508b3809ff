package dev.bulwark.vulndb.version;

import java.util.Comparator;

/**
 * Orders the version strings of one {@link VersionScheme}. Implementations are stateless and
 * thread-safe; {@link #compare} is called millions of times while matching, so implementations
 * avoid allocation where they can.
 */
public interface VersionComparator extends Comparator<String> {
  /** The scheme whose rules this comparator applies. */
  VersionScheme scheme();

  /**
   * Compares two versions: negative when {@code left} sorts before {@code right}, zero when the
   * scheme treats them as equal (which may be so for different strings, such as {@code 1.0} and
   * {@code 1.0.0} in Maven), positive otherwise.
   *
   * @throws InvalidVersionException when either version cannot be parsed by this scheme
   */
  @Override
  int compare(String left, String right);

  /** True when {@code version} can be parsed by this scheme, so {@link #compare} accepts it. */
  boolean isValid(String version);
}
