package dev.bulwark.scanner.results;

import dev.bulwark.scanner.image.Platform;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Scan results on disk by image digest, for later runs and for the admission controller: {@code
 * <directory>/<algorithm>/<hex>.json} for an image manifest digest, and {@code
 * <hex>.<os>-<architecture>[-<variant>].json} for the digest of a multi-platform index, which names
 * a different image on each platform.
 *
 * <p>Entries are written to a temporary file and renamed into place, so a reader never sees half a
 * file; the last writer of an entry wins. An entry that cannot be read, is of another format, or
 * holds another digest than its name is ignored with a note, never an error. Safe for concurrent
 * use by threads and processes.
 */
public final class ScanResultStore {
  private static final Pattern DIGEST = Pattern.compile("([a-z0-9]+):([a-f0-9]{32,128})");

  private final Path directory;

  /** A store in the directory, created when first written. */
  public ScanResultStore(Path directory) {
    this.directory = directory;
  }

  /** {@code ~/.cache/bulwark/scans}. */
  public static Path defaultDirectory() {
    return Path.of(System.getProperty("user.home"), ".cache", "bulwark", "scans");
  }

  /** The store's directory. */
  public Path directory() {
    return directory;
  }

  /** Whether the text is a digest that can name entries ({@code sha256:<hex>}). */
  public static boolean isDigest(String text) {
    return DIGEST.matcher(text).matches();
  }

  /**
   * The result stored for an image digest: the image's own entry, else the entry of an index digest
   * for the platform.
   *
   * @param notes told why an entry that exists was ignored
   * @return empty when nothing usable is stored, or the digest is not one
   */
  public Optional<ScanResult> read(String digest, Platform platform, Consumer<String> notes) {
    if (!isDigest(digest)) {
      return Optional.empty();
    }
    Optional<ScanResult> own = read(file(digest, null), digest, notes);
    return own.isPresent() ? own : read(file(digest, platform), null, notes);
  }

  /**
   * Stores a result under its digest.
   *
   * @param notes told when the entry cannot be written (the next run scans again)
   */
  public void write(ScanResult result, Consumer<String> notes) {
    if (isDigest(result.digest())) {
      write(file(result.digest(), null), result, notes);
    }
  }

  /**
   * Stores a result under the digest of the multi-platform index its image was chosen from, for the
   * result's platform.
   *
   * @param notes told when the entry cannot be written (the next run resolves the index again)
   */
  public void writeForIndex(String indexDigest, ScanResult result, Consumer<String> notes) {
    if (isDigest(indexDigest) && !indexDigest.equals(result.digest())) {
      write(file(indexDigest, result.platform()), result, notes);
    }
  }

  private Path file(String digest, @Nullable Platform platform) {
    var matcher = DIGEST.matcher(digest);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("not a digest: " + digest);
    }
    String name = matcher.group(2);
    if (platform != null) {
      name += "." + platform.toString().replace('/', '-').toLowerCase(Locale.ROOT);
    }
    return directory.resolve(matcher.group(1)).resolve(name + ".json");
  }

  /**
   * {@code digest} is the digest the entry must hold; null for an index entry, which holds its
   * image's.
   */
  private static Optional<ScanResult> read(
      Path file, @Nullable String digest, Consumer<String> notes) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      notes.accept("scan result " + file + " cannot be read (" + e + "); ignored");
      return Optional.empty();
    }
    try {
      ScanResult result = ScanResultJson.read(bytes);
      if (digest != null && !digest.equals(result.digest())) {
        notes.accept(
            "scan result " + file + " holds another image (" + result.digest() + "); ignored");
        return Optional.empty();
      }
      return Optional.of(result);
    } catch (ScanResultJson.MalformedResultException e) {
      notes.accept("scan result " + file + " is not usable: " + e.getMessage() + "; ignored");
      return Optional.empty();
    }
  }

  private static void write(Path file, ScanResult result, Consumer<String> notes) {
    try {
      Files.createDirectories(file.getParent());
      Path temporary =
          Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
      try {
        Files.write(temporary, ScanResultJson.write(result));
        move(temporary, file);
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException | RuntimeException e) {
      notes.accept(
          "scan result " + file + " cannot be written (" + e + "); the next run scans again");
    }
  }

  private static void move(Path temporary, Path file) throws IOException {
    try {
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
