package dev.bulwark.scanner.image;

import java.io.IOException;
import java.io.InputStream;

/**
 * Opens a blob's bytes as stored (compressed or not) each time it is called. Implementations verify
 * the blob digest while the stream is read, failing at its end on a mismatch.
 */
@FunctionalInterface
public interface BlobOpener {
  /** A fresh stream over the blob; the caller closes it. */
  InputStream open() throws IOException;
}
