package dev.bulwark.scanner.analyzer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Analyzes a directory holding a root filesystem (an unpacked image, a debootstrap tree). Symbolic
 * links are not followed: what they point to is analyzed where it really is, once.
 */
public final class FileTreeAnalysis {
  private FileTreeAnalysis() {}

  /**
   * Runs the analyzers over every regular file under the root.
   *
   * @throws IOException when the tree cannot be walked (files that cannot be read become notes)
   */
  public static AnalysisResult analyze(Path root, List<Analyzer> analyzers) throws IOException {
    AnalysisResult.Collector collector = new AnalysisResult.Collector();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            if (attributes.isRegularFile()) {
              Analysis.run(analyzers, new TreeFile(root, file, attributes.size()), collector);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            collector.note(new Note("file-tree", relative(root, file), "could not be read: " + e));
            return FileVisitResult.CONTINUE;
          }
        });
    return collector.result();
  }

  private static String relative(Path root, Path file) {
    StringBuilder path = new StringBuilder();
    for (Path segment : root.relativize(file)) {
      if (!path.isEmpty()) {
        path.append('/');
      }
      path.append(segment);
    }
    return path.toString();
  }

  private record TreeFile(Path root, Path file, long size) implements AnalyzedFile {
    @Override
    public String path() {
      return relative(root, file);
    }

    @Override
    public InputStream open() throws IOException {
      return Files.newInputStream(file);
    }

    @Override
    public Path materialise() {
      return file;
    }
  }
}
