package dev.bulwark.scanner.analyzer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * One file of a filesystem (an image layer or a directory) handed to the analyzers that want it.
 * The caller implements it; analyzers only read. Valid only during the {@link Analyzer#analyze}
 * call it is passed to.
 */
public interface AnalyzedFile {
  /**
   * The normalised path: relative to the filesystem root, separated by {@code /}, with no leading
   * slash and no {@code .} or {@code ..} segments (for example {@code var/lib/dpkg/status}).
   */
  String path();

  /** The size in bytes, as the filesystem or layer declares it. */
  long size();

  /**
   * A fresh stream over the content; each call starts again at the first byte, so several analyzers
   * (or one analyzer twice) can read the same file. The caller closes nothing: the analyzer closes
   * what it opens.
   */
  InputStream open() throws IOException;

  /**
   * A regular file holding the content, for analyzers that need random access (SQLite, ELF). The
   * caller owns the file (it may be the original or a copy in a private temporary folder) and may
   * delete it after the analysis; analyzers must not modify it.
   */
  Path materialise() throws IOException;
}
