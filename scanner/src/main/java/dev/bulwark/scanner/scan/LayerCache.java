package dev.bulwark.scanner.scan;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.bulwark.scanner.analyzer.AnalysisResult;
import dev.bulwark.scanner.analyzer.Analyzer;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Analyzer results per layer on disk, so that rescanning an image only reads the layers that
 * changed. One folder per layer, named by its diffID ({@code sha256-<hex>}), holds {@code
 * changes.json} (what the layer does to lower layers' paths) and one {@code
 * <analyzer>-<version>.json} per analyzer: results are reused only by the same analyzer version.
 * Files are JSON, written to a temporary file and moved into place atomically, so a reader never
 * sees half a file; an entry that cannot be read or parsed is ignored with a note and recomputed.
 * Safe for concurrent use by several processes (the last writer of an entry wins; entries for the
 * same key are equal).
 */
public final class LayerCache {
  private static final Pattern KEY = Pattern.compile("[a-z0-9]+:[a-f0-9]{32,128}");
  private static final int FORMAT = 1;
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private final Path directory;

  /** A cache in the directory, created when first written. */
  public LayerCache(Path directory) {
    this.directory = directory;
  }

  /** {@code ~/.cache/bulwark/layers}. */
  public static Path defaultDirectory() {
    return Path.of(System.getProperty("user.home"), ".cache", "bulwark", "layers");
  }

  /** The cache's directory. */
  public Path directory() {
    return directory;
  }

  /** Whether a layer key (a digest such as {@code sha256:<hex>}) can name cache entries. */
  static boolean accepts(String key) {
    return KEY.matcher(key).matches();
  }

  Optional<LayerChanges> changes(String key, Consumer<String> notes) {
    return read(key, "changes", LayerChanges.class, notes);
  }

  Optional<AnalysisResult> result(String key, Analyzer analyzer, Consumer<String> notes) {
    return read(key, entryName(analyzer), AnalysisResult.class, notes);
  }

  void store(String key, LayerChanges changes, Consumer<String> notes) {
    write(key, "changes", changes, notes);
  }

  void store(String key, Analyzer analyzer, AnalysisResult result, Consumer<String> notes) {
    write(key, entryName(analyzer), result, notes);
  }

  private static String entryName(Analyzer analyzer) {
    return analyzer.name() + "-" + analyzer.version();
  }

  private Path file(String key, String name) {
    return directory.resolve(key.replace(':', '-')).resolve(name + ".json");
  }

  private <T> Optional<T> read(String key, String name, Class<T> type, Consumer<String> notes) {
    Path file = file(key, name);
    try {
      byte[] bytes = Files.readAllBytes(file);
      JavaType entryType = MAPPER.getTypeFactory().constructParametricType(Entry.class, type);
      Entry<T> entry = MAPPER.readValue(bytes, entryType);
      if (entry.format() != FORMAT || !entry.key().equals(key) || entry.value() == null) {
        notes.accept("layer cache entry " + file + " is for another key or format; recomputed");
        return Optional.empty();
      }
      return Optional.of(entry.value());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      notes.accept(
          "layer cache entry "
              + file
              + " cannot be read ("
              + e.getClass().getSimpleName()
              + "); ignored and recomputed");
      return Optional.empty();
    }
  }

  private void write(String key, String name, Object value, Consumer<String> notes) {
    Path file = file(key, name);
    try {
      Files.createDirectories(file.getParent());
      Path temporary = Files.createTempFile(file.getParent(), name, ".tmp");
      try {
        MAPPER.writeValue(temporary.toFile(), new Entry<>(FORMAT, key, value));
        move(temporary, file);
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException | RuntimeException e) {
      notes.accept(
          "layer cache entry "
              + file
              + " cannot be written ("
              + e
              + "); the next scan reads"
              + " the layer again");
    }
  }

  private static void move(Path temporary, Path file) throws IOException {
    try {
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The stored form: the key is repeated so that a misplaced file is not trusted. */
  record Entry<T>(int format, String key, @Nullable T value) {}
}
