package dev.bulwark.core.manifest;

import java.util.function.Predicate;

/**
 * Reads Kubernetes objects from YAML (multi-document) and JSON, with the position of every node.
 * Expands {@code kind: List} and any {@code *List} kind into its items. Documents that are not
 * Kubernetes objects (no apiVersion/kind, e.g. a values file) are skipped with a note; a document
 * with apiVersion but no kind, bad syntax, duplicate keys or limits exceeded is an error at {@code
 * file:line:column}; reading goes on with the next document or file.
 *
 * <p>Thread-safe; documents of one source may be parsed in parallel but are delivered to the sink
 * in document order.
 */
public final class ManifestReader {
  private final ReadLimits limits;

  public ManifestReader(ReadLimits limits) {
    this.limits = limits;
  }

  public ReadLimits limits() {
    return limits;
  }

  /**
   * Reads one source.
   *
   * @param kinds documents whose top-level {@code kind} can be seen without parsing and is rejected
   *     by this filter are skipped unparsed (a cheap first pass); pass {@code k -> true} to read
   *     everything
   */
  public void read(ManifestSource source, Predicate<String> kinds, ManifestSink sink) {
    throw new UnsupportedOperationException("implemented by the manifest feature");
  }

  public void read(ManifestSource source, ManifestSink sink) {
    read(source, kind -> true, sink);
  }
}
