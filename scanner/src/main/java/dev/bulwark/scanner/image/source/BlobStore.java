package dev.bulwark.scanner.image.source;

import java.io.IOException;
import java.io.InputStream;

/** Named files of a local image (layout directory or archive), opened by relative name. */
interface BlobStore extends AutoCloseable {
  /** Whether a file exists; names never contain {@code ..}. */
  boolean exists(String name);

  /** Opens a file; the caller closes the stream. */
  InputStream open(String name) throws IOException;

  /** Size of a file in bytes. */
  long size(String name) throws IOException;

  /** Where the store is, for messages. */
  String describe();

  @Override
  void close() throws IOException;
}
