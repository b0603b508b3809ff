package dev.bulwark.scanner.analyzer.npm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.scanner.analyzer.AnalysisSink;
import dev.bulwark.scanner.analyzer.AnalyzedFile;
import dev.bulwark.scanner.analyzer.Analyzer;
import dev.bulwark.scanner.analyzer.Ecosystem;
import dev.bulwark.scanner.analyzer.Json;
import dev.bulwark.scanner.analyzer.MalformedContentException;
import dev.bulwark.scanner.analyzer.Note;
import dev.bulwark.scanner.analyzer.Package;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Packages an npm lock file pins: {@code package-lock.json} and {@code npm-shrinkwrap.json} of an
 * application, at any folder outside {@code node_modules}.
 *
 * <p>Lock files of {@code lockfileVersion} 2 and 3 are read from their {@code packages} map, keyed
 * by install path ({@code node_modules/a/node_modules/@scope/b}): the name is the entry's {@code
 * name} (set for aliased packages), else the key after its last {@code node_modules/}. The root
 * entry {@code ""}, entries outside {@code node_modules} (workspace sources) and {@code link}
 * entries (symbolic links to such sources) are not packages of the registry and are skipped. Lock
 * files of version 1, which have no {@code packages} map, are read from the nested {@code
 * dependencies} objects; an aliased version {@code npm:<name>@<version>} names the real package.
 *
 * <p>Dependencies marked {@code dev} are not reported, like Trivy does by default: an image ships
 * the lock file of its application, but a production install ({@code npm ci --omit=dev}) leaves
 * development dependencies out, so reporting them would flag software that is not in the image.
 * {@code devOptional} entries are needed outside development too and are reported.
 *
 * <p>Entries without a version are skipped silently; versions that are no registry version (git
 * URLs, {@code file:} folders, tarball URLs) are skipped with one note per file giving their count.
 * Each name and version is reported once per file. Lock files below a {@code node_modules} folder
 * (npm's hidden {@code node_modules/.package-lock.json}, lock files shipped inside packages)
 * describe trees the {@code npm} analyzer reads from the installed package.json files, and are not
 * read.
 *
 * <p>The scan drops a package found here when the same name and version is installed under the lock
 * file's folder ({@code <folder>/node_modules/...}), so that an application shipped with its {@code
 * node_modules} is not counted twice; see {@link #isLockFile}.
 *
 * <p>Stateless and thread-safe.
 */
public final class NpmLockAnalyzer implements Analyzer {
  private static final String MODULES = "node_modules/";
  private static final int MAXIMUM_BYTES = 64 << 20;
  private static final int MAXIMUM_ENTRIES = 200_000;
  private static final Pattern REGISTRY_VERSION =
      Pattern.compile("v?\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?");
  private static final String ALIAS = "npm:";

  @Override
  public String name() {
    return "npm-lock";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public boolean wants(String path, long size) {
    return isLockFile(path) && !path.startsWith(MODULES) && !path.contains("/" + MODULES);
  }

  /**
   * Whether the path names an npm lock file ({@code package-lock.json} or {@code
   * npm-shrinkwrap.json}) by its file name, wherever it is.
   */
  public static boolean isLockFile(String path) {
    String file = path.substring(path.lastIndexOf('/') + 1);
    return file.equals("package-lock.json") || file.equals("npm-shrinkwrap.json");
  }

  @Override
  public void analyze(AnalyzedFile file, AnalysisSink sink) throws IOException {
    JsonNode lock = Json.parse(file, MAXIMUM_BYTES);
    if (!lock.isObject()) {
      throw new MalformedContentException("not a JSON object; skipped");
    }
    Entries entries = new Entries(file.path());
    JsonNode packages = lock.path("packages");
    JsonNode dependencies = lock.path("dependencies");
    if (packages.isObject()) {
      readPackages(packages, entries);
    } else if (dependencies.isObject()) {
      readDependencies(dependencies, entries);
    } else if (lock.has("packages") || lock.has("dependencies")) {
      throw new MalformedContentException("packages or dependencies is not an object; skipped");
    }
    entries.report(sink, name());
  }

  private static void readPackages(JsonNode packages, Entries entries) {
    for (Iterator<Map.Entry<String, JsonNode>> it = packages.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (!entries.counted()) {
        return;
      }
      String key = entry.getKey();
      JsonNode value = entry.getValue();
      int modules = key.lastIndexOf(MODULES);
      boolean installed = modules == 0 || (modules > 0 && key.charAt(modules - 1) == '/');
      if (!installed || !value.isObject() || value.path("link").asBoolean(false)) {
        continue;
      }
      String name = Json.text(value, "name");
      entries.add(
          name.isEmpty() ? key.substring(modules + MODULES.length()) : name,
          Json.text(value, "version"),
          value.path("dev").asBoolean(false));
    }
  }

  private static void readDependencies(JsonNode root, Entries entries) {
    Deque<JsonNode> pending = new ArrayDeque<>();
    pending.push(root);
    while (!pending.isEmpty()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = pending.pop().fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        if (!entries.counted()) {
          return;
        }
        JsonNode value = entry.getValue();
        if (!value.isObject()) {
          continue;
        }
        String version = Json.text(value, "version");
        int at = version.lastIndexOf('@');
        if (version.startsWith(ALIAS) && at > ALIAS.length()) {
          entries.add(
              version.substring(ALIAS.length(), at),
              version.substring(at + 1),
              value.path("dev").asBoolean(false));
        } else {
          entries.add(entry.getKey(), version, value.path("dev").asBoolean(false));
        }
        JsonNode nested = value.path("dependencies");
        if (nested.isObject()) {
          pending.push(nested);
        }
      }
    }
  }

  /** What one lock file lists, counted and de-duplicated. Not thread-safe. */
  private static final class Entries {
    private final String path;
    private final Set<Package> found = new LinkedHashSet<>();
    private int count;
    private int unregistered;
    private boolean truncated;

    Entries(String path) {
      this.path = path;
    }

    /** Counts one more entry; false once there are too many to read. */
    boolean counted() {
      truncated = ++count > MAXIMUM_ENTRIES;
      return !truncated;
    }

    void add(String name, String version, boolean development) {
      if (name.isEmpty() || version.isEmpty() || development) {
        return;
      }
      if (!REGISTRY_VERSION.matcher(version).matches()) {
        unregistered++;
        return;
      }
      found.add(
          Package.library(name, version, Ecosystem.NPM, NpmAnalyzer.purl(name, version), path));
    }

    void report(AnalysisSink sink, String analyzer) {
      found.forEach(sink::found);
      if (unregistered > 0) {
        sink.note(
            new Note(
                analyzer,
                path,
                unregistered
                    + " entries with a version that is not a registry version (git, file or"
                    + " tarball reference) skipped"));
      }
      if (truncated) {
        sink.note(
            new Note(
                analyzer, path, "more than " + MAXIMUM_ENTRIES + " entries; the rest skipped"));
      }
    }
  }
}
