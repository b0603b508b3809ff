package dev.bulwark.detect.report;

import java.io.IOException;
import java.io.Writer;

/**
 * Renders a {@link Report} in one output format.
 *
 * <p>Implementations are stateless and thread-safe. They write in the order the report gives, so
 * the same report always renders to the same text. They flush but never close {@code out}.
 */
public interface ReportWriter {
  /**
   * Writes {@code report} to {@code out}.
   *
   * @throws IOException when {@code out} fails
   */
  void write(Report report, Writer out) throws IOException;
}
