package dev.bulwark.policy.builtin;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jspecify.annotations.Nullable;

/**
 * The built-in policy files, read straight from the jar or class directory that holds this package,
 * which is one file open instead of a class-loader search per policy.
 */
final class PackFiles implements AutoCloseable {
  private static final String FOLDER = "dev/bulwark/policy/builtin/";

  private final @Nullable ZipFile jar;
  private final @Nullable Path directory;

  private PackFiles(@Nullable ZipFile jar, @Nullable Path directory) {
    this.jar = jar;
    this.directory = directory;
  }

  static PackFiles open() throws IOException {
    CodeSource source = PackFiles.class.getProtectionDomain().getCodeSource();
    if (source == null) {
      throw new IOException("the location of the policy classes is unknown");
    }
    Path location;
    try {
      location = Path.of(source.getLocation().toURI());
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new IOException("cannot locate the policy classes at " + source.getLocation(), e);
    }
    return Files.isDirectory(location)
        ? new PackFiles(null, location)
        : new PackFiles(new ZipFile(location.toFile()), null);
  }

  /** The text of one policy file. */
  String read(String file) throws IOException {
    if (directory != null) {
      Path path = directory.resolve(FOLDER + file);
      if (!Files.isRegularFile(path)) {
        throw missing(file);
      }
      return Files.readString(path);
    }
    ZipFile zip = Objects.requireNonNull(jar);
    ZipEntry entry = zip.getEntry(FOLDER + file);
    if (entry == null) {
      throw missing(file);
    }
    try (InputStream in = zip.getInputStream(entry)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static IOException missing(String file) {
    return new IOException("built-in policy " + file + " is missing from " + FOLDER);
  }

  @Override
  public void close() throws IOException {
    if (jar != null) {
      jar.close();
    }
  }
}
