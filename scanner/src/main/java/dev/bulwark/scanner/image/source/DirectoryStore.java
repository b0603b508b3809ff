package dev.bulwark.scanner.image.source;

import dev.bulwark.scanner.image.ImageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Files of a layout directory; names are confined to it (no {@code ..}, no symbolic links). */
final class DirectoryStore implements BlobStore {
  private final Path root;

  DirectoryStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public boolean exists(String name) {
    return Files.isRegularFile(resolve(name), LinkOption.NOFOLLOW_LINKS);
  }

  @Override
  public InputStream open(String name) throws IOException {
    return Files.newInputStream(resolve(name), LinkOption.NOFOLLOW_LINKS);
  }

  @Override
  public long size(String name) throws IOException {
    return Files.size(resolve(name));
  }

  @Override
  public String describe() {
    return root.toString();
  }

  @Override
  public void close() {}

  private Path resolve(String name) {
    Path path = root.resolve(name).normalize();
    if (!path.startsWith(root) || name.contains("..")) {
      throw new ImageException("refusing file name '" + name + "' outside " + root);
    }
    return path;
  }
}
