package dev.bulwark.scanner.analyzer.golang;

import dev.bulwark.scanner.analyzer.MalformedContentException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The build information the Go linker embeds in binaries (Go 1.18 and later: the {@code
 * .go.buildinfo} section starts with a 32-byte header of the magic {@code \xff Go buildinf:}, the
 * pointer size and flags, then, when flag bit 2 says the strings are inline, the Go version and the
 * module information as varint-length-prefixed strings).
 *
 * @param goVersion the toolchain version ({@code go1.22.1})
 * @param main the main module, or {@code null} when built outside module mode
 * @param dependencies the {@code dep} modules, with their replacements
 */
record GoBuildInfo(String goVersion, @Nullable Module main, List<Module> dependencies) {
  private static final byte[] MAGIC = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
  private static final int HEADER_SIZE = 32;
  private static final int INLINE_STRINGS = 0x2;
  private static final int MAXIMUM_MODULES = 100_000;

  GoBuildInfo {
    dependencies = List.copyOf(dependencies);
  }

  /**
   * A module requirement.
   *
   * @param replacement the {@code =>} replacement, or {@code null}
   */
  record Module(String path, String version, @Nullable Module replacement) {
    Module withReplacement(Module replacedBy) {
      return new Module(path, version, replacedBy);
    }
  }

  /** Decodes the content of a {@code .go.buildinfo} section. */
  static GoBuildInfo decode(byte[] section) throws MalformedContentException {
    if (section.length < HEADER_SIZE
        || !Arrays.equals(Arrays.copyOf(section, MAGIC.length), MAGIC)) {
      throw new MalformedContentException("Go build information has no buildinf header");
    }
    if ((section[15] & INLINE_STRINGS) == 0) {
      throw new MalformedContentException(
          "Go build information from before Go 1.18 (pointer format) is not read");
    }
    int[] position = {HEADER_SIZE};
    String version = string(section, position);
    String modules = string(section, position);
    // The module text is framed by two 16-byte sentinels; the newline before the end one proves it.
    if (modules.length() >= 33 && modules.charAt(modules.length() - 17) == '\n') {
      modules = modules.substring(16, modules.length() - 16);
    }
    return parseModules(version, modules);
  }

  /** Parses the tab-separated module lines ({@code path}, {@code mod}, {@code dep}, {@code =>}). */
  static GoBuildInfo parseModules(String goVersion, String text) throws MalformedContentException {
    Module main = null;
    List<Module> dependencies = new ArrayList<>();
    boolean lastWasMain = false;
    for (String line : text.split("\n")) {
      String[] fields = line.split("\t", -1);
      switch (fields[0]) {
        case "mod" -> {
          main = module(fields);
          lastWasMain = true;
        }
        case "dep" -> {
          if (dependencies.size() >= MAXIMUM_MODULES) {
            throw new MalformedContentException("more than " + MAXIMUM_MODULES + " modules");
          }
          dependencies.add(module(fields));
          lastWasMain = false;
        }
        case "=>" -> {
          Module replacement = module(fields);
          if (lastWasMain && main != null) {
            main = main.withReplacement(replacement);
          } else if (!dependencies.isEmpty()) {
            dependencies.add(dependencies.removeLast().withReplacement(replacement));
          }
        }
        default -> {
          // path, build and unknown lines say nothing about module versions.
        }
      }
    }
    return new GoBuildInfo(goVersion, main, dependencies);
  }

  private static Module module(String[] fields) {
    return new Module(fields.length > 1 ? fields[1] : "", fields.length > 2 ? fields[2] : "", null);
  }

  private static String string(byte[] data, int[] position) throws MalformedContentException {
    long length = 0;
    int shift = 0;
    while (true) {
      if (position[0] >= data.length || shift > 35) {
        throw new MalformedContentException("Go build information is truncated");
      }
      int b = data[position[0]++] & 0xff;
      length |= (long) (b & 0x7f) << shift;
      if (b < 0x80) {
        break;
      }
      shift += 7;
    }
    if (length > data.length - position[0]) {
      throw new MalformedContentException("Go build information is truncated");
    }
    String text = new String(data, position[0], (int) length, StandardCharsets.UTF_8);
    position[0] += (int) length;
    return text;
  }
}
