package dev.bulwark.detect.report;

/**
 * Something the user should know that is not an error, such as a skipped document.
 *
 * @param file the input file; empty when the note concerns no file
 * @param line 1-based, 0 when unknown
 */
public record ReportNote(String file, int line, String message) {}
