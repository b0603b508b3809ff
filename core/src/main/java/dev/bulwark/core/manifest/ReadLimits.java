package dev.bulwark.core.manifest;

/**
 * Limits that keep hostile input from hanging the reader or exhausting memory.
 *
 * @param maxFileBytes larger files (and standard input) are refused before parsing
 * @param maxDepth deeper nesting of maps and lists is refused
 * @param maxAliases more YAML aliases in one document are refused (alias-expansion bombs)
 * @param maxDocumentBytes larger single YAML documents are refused
 */
public record ReadLimits(long maxFileBytes, int maxDepth, int maxAliases, int maxDocumentBytes) {
  public static final ReadLimits DEFAULT = new ReadLimits(64L << 20, 64, 100, 16 << 20);

  /** Nodes that each allowed alias may stand for, on average, in {@link #maxAliasExpansion()}. */
  private static final long NODES_PER_ALIAS = 10_000;

  /**
   * How many nodes all aliases of one document may stand for together, each alias counting the size
   * of the node it names with its own aliases expanded. This stops alias bombs that stay under
   * {@link #maxAliases()} by nesting aliases of aliases.
   */
  public long maxAliasExpansion() {
    return maxAliases * NODES_PER_ALIAS;
  }
}
