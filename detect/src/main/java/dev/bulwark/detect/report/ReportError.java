package dev.bulwark.detect.report;

/**
 * An input that could not be read or checked.
 *
 * @param file the input file; empty when the error concerns no file
 * @param line 1-based, 0 when unknown
 * @param column 1-based, 0 when unknown
 */
public record ReportError(String file, int line, int column, String message) {}
