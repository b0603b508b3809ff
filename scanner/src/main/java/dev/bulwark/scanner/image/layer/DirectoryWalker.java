package dev.bulwark.scanner.image.layer;

import dev.bulwark.scanner.image.ImageException;
import dev.bulwark.scanner.image.Layer;
import dev.bulwark.scanner.image.ReadLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;

/**
 * The pseudo-layer of a root filesystem directory: walks it without following symbolic links (so
 * nothing outside the directory is read) and reports entries as a tar layer would.
 */
final class DirectoryWalker {
  private final Layer layer;
  private final ReadLimits limits;
  private long entries;

  DirectoryWalker(Layer layer, ReadLimits limits) {
    this.layer = layer;
    this.limits = limits;
  }

  void walk(Path root, LayerVisitor visitor) {
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes)
                throws IOException {
              if (!directory.equals(root)) {
                visit(root, directory, attributes, visitor);
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                throws IOException {
              visit(root, file, attributes, visitor);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              visitor.note(layer.describe() + ": skipped '" + root.relativize(file) + "': " + e);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (LayerReader.LimitExceededException e) {
      throw new ImageException(String.valueOf(e.getMessage()), e);
    } catch (IOException | UncheckedIOException e) {
      throw new ImageException(layer.describe() + " cannot be read: " + e.getMessage(), e);
    }
  }

  private void visit(Path root, Path path, BasicFileAttributes attributes, LayerVisitor visitor)
      throws IOException {
    if (++entries > limits.maxEntries()) {
      throw new LayerReader.LimitExceededException(
          layer.describe() + " has more than " + limits.maxEntries() + " entries (limit)");
    }
    EntryType type;
    String linkTarget = "";
    if (attributes.isSymbolicLink()) {
      type = EntryType.SYMLINK;
      linkTarget = Files.readSymbolicLink(path).toString();
    } else if (attributes.isDirectory()) {
      type = EntryType.DIRECTORY;
    } else if (attributes.isRegularFile()) {
      type = EntryType.FILE;
    } else {
      type = EntryType.OTHER;
    }
    Map<String, Object> unix = unixAttributes(path);
    LayerEntry entry =
        LayerReader.entry(
            layer,
            root.relativize(path).toString(),
            type,
            attributes.size(),
            ((Number) unix.getOrDefault("mode", 0)).intValue() & 07777,
            ((Number) unix.getOrDefault("uid", 0)).longValue(),
            ((Number) unix.getOrDefault("gid", 0)).longValue(),
            linkTarget,
            visitor);
    if (entry == null) {
      return;
    }
    if (entry.type() != EntryType.FILE) {
      visitor.entry(entry, InputStream.nullInputStream());
      return;
    }
    try (InputStream content = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS)) {
      visitor.entry(entry, LayerReader.capped(content, layer, entry.path(), limits.maxFileBytes()));
    }
  }

  private static Map<String, Object> unixAttributes(Path path) {
    try {
      return Files.readAttributes(path, "unix:mode,uid,gid", LinkOption.NOFOLLOW_LINKS);
    } catch (UnsupportedOperationException | IOException e) {
      // Not a Unix filesystem: report neutral metadata rather than failing the scan.
      return Map.of();
    }
  }
}
