package dev.bulwark.scanner.image.layer;

import java.io.IOException;
import java.io.InputStream;

/** Receives a layer's entries in archive order, and notes about entries that were skipped. */
public interface LayerVisitor {
  /**
   * One entry. The content stream is valid only during the call, is empty for anything but a {@link
   * EntryType#FILE}, must not be closed, and fails when a read goes past {@link
   * dev.bulwark.scanner.image.ReadLimits#maxFileBytes()}. Unread content is skipped.
   */
  void entry(LayerEntry entry, InputStream content) throws IOException;

  /** A skipped or suspicious entry, said in one line naming the layer and the path. */
  default void note(String message) {}
}
