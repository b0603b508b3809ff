package dev.bulwark.policy.io;

import dev.bulwark.core.manifest.ReadLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * Finds and reads the policy or exception files under a path: the path itself when it is a file,
 * else every {@code .json}, {@code .yaml} and {@code .yml} file below it (recursively, in sorted
 * order so that results do not depend on the file system). Files must be UTF-8 and no larger than
 * {@link ReadLimits#DEFAULT}'s limit. Stateless and thread-safe.
 */
public final class SourceFiles {
  private SourceFiles() {}

  /**
   * Calls {@code reader} with each file's display name and text, or {@code failure} with the name
   * and reason when a file (or the path itself) cannot be read.
   */
  public static void forEach(
      Path path, BiConsumer<String, String> reader, BiConsumer<String, String> failure) {
    if (!Files.exists(path)) {
      failure.accept(path.toString(), "no such file or directory");
      return;
    }
    List<Path> files;
    try {
      files = Files.isDirectory(path) ? filesBelow(path) : List.of(path);
    } catch (IOException | UncheckedIOException e) {
      failure.accept(path.toString(), "cannot list the directory: " + e.getMessage());
      return;
    }
    for (Path file : files) {
      String origin = file.toString();
      try {
        reader.accept(origin, readText(file));
      } catch (CharacterCodingException e) {
        failure.accept(origin, "the file is not UTF-8 text");
      } catch (NoSuchFileException e) {
        failure.accept(origin, "no such file");
      } catch (IOException e) {
        failure.accept(origin, "cannot read the file: " + e.getMessage());
      }
    }
  }

  private static List<Path> filesBelow(Path directory) throws IOException {
    try (Stream<Path> walk = Files.walk(directory)) {
      return walk.filter(Files::isRegularFile).filter(SourceFiles::isDataFile).sorted().toList();
    }
  }

  private static boolean isDataFile(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".json") || name.endsWith(".yaml") || name.endsWith(".yml");
  }

  private static String readText(Path file) throws IOException {
    long size = Files.size(file);
    if (size > ReadLimits.DEFAULT.maxFileBytes()) {
      throw new IOException(
          "it is larger than " + ReadLimits.DEFAULT.maxFileBytes() + " bytes; split it up");
    }
    byte[] bytes = Files.readAllBytes(file);
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes))
        .toString();
  }
}
