package dev.bulwark.core.manifest;

/**
 * A YAML or JSON value that remembers where it was written.
 *
 * <p>Trees are immutable once built and safe to share between threads. The position of a node is
 * where its value starts; {@link MapNode#keyPosition(String)} gives the line of the key, which is
 * what findings point at.
 */
public sealed interface Node permits MapNode, ListNode, ScalarNode {
  Position position();

  /**
   * The plain Java form: {@code Map<String,Object>}, {@code List<Object>}, String, Long, Double,
   * Boolean or null.
   */
  @org.jspecify.annotations.Nullable
  Object toJava();
}
