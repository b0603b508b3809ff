package dev.bulwark.core.manifest;

/**
 * Receives what readers find, in input order per file. Readers stream: they never hold more than
 * one file's documents, so a sink that does not keep objects keeps memory bounded.
 *
 * <p>Implementations must be thread-safe when readers run files in parallel.
 */
public interface ManifestSink {
  void object(ManifestObject object);

  void error(ManifestError error);

  default void note(ManifestNote note) {}
}
