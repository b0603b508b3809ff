package dev.bulwark.scanner.scan;

import dev.bulwark.core.io.ObservedInputStream;
import dev.bulwark.scanner.analyzer.Analysis;
import dev.bulwark.scanner.analyzer.AnalysisResult;
import dev.bulwark.scanner.analyzer.Analyzer;
import dev.bulwark.scanner.analyzer.Note;
import dev.bulwark.scanner.analyzer.OsFinding;
import dev.bulwark.scanner.analyzer.OsFindings;
import dev.bulwark.scanner.analyzer.OsPackages;
import dev.bulwark.scanner.analyzer.OsRelease;
import dev.bulwark.scanner.analyzer.Package;
import dev.bulwark.scanner.image.BlobOpener;
import dev.bulwark.scanner.image.Image;
import dev.bulwark.scanner.image.ImageException;
import dev.bulwark.scanner.image.Layer;
import dev.bulwark.scanner.image.layer.EntryType;
import dev.bulwark.scanner.image.layer.LayerEntry;
import dev.bulwark.scanner.image.layer.LayerReader;
import dev.bulwark.scanner.image.layer.LayerVisitor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Scans an image: reads each layer once, hands every regular file to the analyzers that want it,
 * and merges the layers' results in order.
 *
 * <p>Merging follows the layer semantics: results from the file at path P of a layer are dropped
 * when a later layer deletes P (a whiteout of P or of a parent, an opaque parent directory) or
 * writes P again (then the later layer's results for P, if any, are the ones kept). The operating
 * system is resolved from the merged findings, and operating system packages are attributed to it.
 * Packages an npm lock file lists are dropped when the same name and version is installed in the
 * {@code node_modules} folder next to it (see {@link InstalledLockDuplicates}). Symbolic and hard
 * links are not followed: what they point to is analyzed where it is, once.
 *
 * <p>A layer is identified in results by its diffID (the digest of the uncompressed tar, as {@code
 * rootfs.diff_ids} and {@code docker inspect} give it), or by its blob digest when the image does
 * not give the diffID (a root filesystem directory: a digest of its path). Results are cached per
 * diffID and analyzer version when a {@link LayerCache} is given; directory pseudo-layers are never
 * cached, since their content may change under the same path.
 *
 * <p>Thread-safe: a scanner holds no state between scans.
 */
public final class ImageScanner {
  private final List<Analyzer> analyzers;
  private final LayerReader reader;
  private final @Nullable LayerCache cache;
  private final ScanProgress progress;
  private final Clock clock;

  /**
   * A scanner.
   *
   * @param analyzers the analyzers to run, usually {@code Analyzers.all()}
   * @param reader reads layers, enforcing its limits
   * @param cache where to keep results per layer; null to read every layer every time
   * @param progress told how the scan goes: layers done and bytes of each blob read
   * @param clock gives the scan time
   */
  public ImageScanner(
      List<Analyzer> analyzers,
      LayerReader reader,
      @Nullable LayerCache cache,
      ScanProgress progress,
      Clock clock) {
    this.analyzers = List.copyOf(analyzers);
    this.reader = reader;
    this.cache = cache;
    this.progress = progress;
    this.clock = clock;
  }

  /**
   * Scans the image.
   *
   * @throws ImageException when a layer cannot be read (corrupt, truncated, over a limit)
   * @throws UncheckedIOException when the private temporary folder cannot be created or removed
   */
  public ImageScan scan(Image image) {
    TemporaryFolder temporary = new TemporaryFolder();
    List<Note> notes = new ArrayList<>();
    List<LayerOutcome> outcomes = new ArrayList<>();
    boolean completed = false;
    progress.scanStarted(image.layers());
    try {
      for (Layer layer : image.layers()) {
        LayerOutcome outcome = scan(layer, temporary, notes);
        outcomes.add(outcome);
        progress.layerDone(layer, image.layers().size(), outcome.cached());
      }
      completed = true;
    } finally {
      try {
        temporary.delete();
      } finally {
        progress.scanFinished(completed);
      }
    }
    return merge(image, outcomes, notes);
  }

  /** The layer with its blob counted as it is read, for {@link ScanProgress#bytesRead}. */
  private Layer counted(Layer layer) {
    BlobOpener blob = layer.blob();
    if (blob == null) {
      return layer;
    }
    BlobOpener counting = () -> new ProgressStream(blob.open(), layer, progress);
    return new Layer(
        layer.index(),
        layer.digest(),
        layer.diffId(),
        layer.mediaType(),
        layer.size(),
        counting,
        null);
  }

  /** The identity of a layer in results: diffID, else blob digest. */
  static String identity(Layer layer) {
    String diffId = layer.diffId();
    return diffId != null ? diffId : layer.digest();
  }

  private LayerOutcome scan(Layer layer, TemporaryFolder temporary, List<Note> notes) {
    String identity = identity(layer);
    String key = layer.blob() != null && LayerCache.accepts(identity) ? identity : null;
    LayerCache layerCache = key == null ? null : cache;
    Consumer<String> cacheNotes = message -> notes.add(new Note("layer-cache", identity, message));
    Map<String, AnalysisResult> results = new LinkedHashMap<>();
    List<Analyzer> missing = new ArrayList<>();
    Optional<LayerChanges> changes = Optional.empty();
    if (layerCache != null && key != null) {
      changes = layerCache.changes(key, cacheNotes);
      for (Analyzer analyzer : analyzers) {
        Optional<AnalysisResult> cached = layerCache.result(key, analyzer, cacheNotes);
        cached.ifPresentOrElse(
            result -> results.put(analyzer.name(), result), () -> missing.add(analyzer));
      }
    } else {
      missing.addAll(analyzers);
    }
    if (changes.isPresent() && missing.isEmpty()) {
      return new LayerOutcome(layer, identity, changes.get(), results, true);
    }
    LayerRead read = new LayerRead(missing, temporary);
    reader.read(counted(layer), read);
    LayerChanges readChanges = read.changes();
    for (Analyzer analyzer : missing) {
      AnalysisResult result = read.result(analyzer);
      results.put(analyzer.name(), result);
      if (layerCache != null && key != null) {
        layerCache.store(key, analyzer, result, cacheNotes);
      }
    }
    if (layerCache != null && key != null) {
      layerCache.store(key, readChanges, cacheNotes);
    }
    return new LayerOutcome(layer, identity, readChanges, results, false);
  }

  private ImageScan merge(Image image, List<LayerOutcome> outcomes, List<Note> scanNotes) {
    MergedFiles merged = new MergedFiles();
    for (LayerOutcome outcome : outcomes) {
      merged.apply(outcome.changes());
      for (AnalysisResult result : outcome.results().values()) {
        merged.add(outcome.layer().index(), outcome.identity(), result);
      }
    }
    List<OsFinding> findings = new ArrayList<>();
    List<Note> notes = new ArrayList<>(scanNotes);
    for (LayerOutcome outcome : outcomes) {
      for (String message : outcome.changes().notes()) {
        notes.add(new Note("layer-reader", outcome.identity(), message));
      }
    }
    List<MergedFiles.FileResults> files = merged.files();
    for (MergedFiles.FileResults file : files) {
      findings.addAll(file.osFindings());
      notes.addAll(file.notes());
    }
    OsRelease os = OsFindings.resolve(findings).orElse(null);
    List<ImagePackage> packages = new ArrayList<>();
    Map<Integer, Integer> perLayer = new HashMap<>();
    Set<Package> duplicates =
        InstalledLockDuplicates.of(
            files.stream().flatMap(file -> file.packages().stream()).toList());
    for (MergedFiles.FileResults file : files) {
      for (Package found : file.packages()) {
        if (duplicates.contains(found)) {
          continue;
        }
        packages.add(
            new ImagePackage(os == null ? found : OsPackages.attribute(found, os), file.layer()));
        perLayer.merge(file.layerIndex(), 1, Integer::sum);
      }
    }
    List<ScannedLayer> layers =
        outcomes.stream()
            .map(outcome ->
                new ScannedLayer(
                    outcome.layer().index(),
                    outcome.identity(),
                    outcome.cached(),
                    perLayer.getOrDefault(outcome.layer().index(), 0)))
            .toList();
    String digest = image.manifestDigest() != null ? image.manifestDigest() : image.configDigest();
    return new ImageScan(
        image.reference(), digest, os, image.config(), packages, notes, layers, clock.instant());
  }

  private record LayerOutcome(
      Layer layer,
      String identity,
      LayerChanges changes,
      Map<String, AnalysisResult> results,
      boolean cached) {}

  /** Reads one layer: records its changes and runs the analyzers on the files they want. */
  private static final class LayerRead implements LayerVisitor {
    private final List<Analyzer> analyzers;
    private final TemporaryFolder temporary;
    private final Map<String, PathKeyedSink> sinks = new LinkedHashMap<>();
    private final List<String> replaced = new ArrayList<>();
    private final List<String> directories = new ArrayList<>();
    private final List<String> deleted = new ArrayList<>();
    private final List<String> opaque = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();

    LayerRead(List<Analyzer> analyzers, TemporaryFolder temporary) {
      this.analyzers = analyzers;
      this.temporary = temporary;
      for (Analyzer analyzer : analyzers) {
        sinks.put(analyzer.name(), new PathKeyedSink());
      }
    }

    @Override
    public void entry(LayerEntry entry, InputStream content) {
      String path = entry.path();
      switch (entry.type()) {
        case WHITEOUT -> deleted.add(path);
        case OPAQUE_WHITEOUT -> opaque.add(path);
        case DIRECTORY -> directories.add(path);
        case FILE, SYMLINK, HARDLINK, OTHER -> replaced.add(path);
      }
      if (entry.type() == EntryType.WHITEOUT || entry.type() == EntryType.OPAQUE_WHITEOUT) {
        return;
      }
      if (!seen.add(path)) {
        // The same path twice in one layer: the later entry is what the layer holds.
        sinks.values().forEach(sink -> sink.forget(path));
      }
      if (entry.type() == EntryType.FILE) {
        analyze(path, entry.size(), content);
      }
    }

    private void analyze(String path, long size, InputStream content) {
      List<Analyzer> wanting =
          analyzers.stream().filter(analyzer -> analyzer.wants(path, size)).toList();
      if (wanting.isEmpty()) {
        return;
      }
      try (LayerFile file = LayerFile.read(path, size, content, temporary::path)) {
        for (Analyzer analyzer : wanting) {
          Analysis.run(analyzer, file, sink(analyzer));
        }
      } catch (IOException e) {
        for (Analyzer analyzer : wanting) {
          sink(analyzer)
              .note(new Note(analyzer.name(), path, "could not be read: " + e.getMessage()));
        }
      }
    }

    @Override
    public void note(String message) {
      notes.add(message);
    }

    private PathKeyedSink sink(Analyzer analyzer) {
      return Objects.requireNonNull(sinks.get(analyzer.name()), "a sink per analyzer");
    }

    LayerChanges changes() {
      return new LayerChanges(replaced, directories, deleted, opaque, notes);
    }

    AnalysisResult result(Analyzer analyzer) {
      return sink(analyzer).result();
    }
  }

  /** A layer's stored blob, its bytes reported to the progress as they are read. */
  private static final class ProgressStream extends ObservedInputStream {
    private final Layer layer;
    private final ScanProgress progress;
    private long total;

    ProgressStream(InputStream in, Layer layer, ScanProgress progress) {
      super(in);
      this.layer = layer;
      this.progress = progress;
    }

    @Override
    protected void observed(byte[] buffer, int offset, int bytes) {
      total += bytes;
      progress.bytesRead(layer, total);
    }
  }

  /** The scan's private temporary folder, created on first use and deleted with its content. */
  private static final class TemporaryFolder {
    private @Nullable Path path;

    synchronized Path path() {
      Path created = path;
      if (created == null) {
        try {
          // createTempDirectory makes the folder readable by its owner only on POSIX systems.
          created = Files.createTempDirectory("bulwark-scan-");
        } catch (IOException e) {
          throw new UncheckedIOException("cannot create a temporary folder for the scan", e);
        }
        path = created;
      }
      return created;
    }

    synchronized void delete() {
      Path created = path;
      if (created == null) {
        return;
      }
      try (Stream<Path> files = Files.walk(created)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete the scan's temporary folder " + created, e);
      }
      path = null;
    }
  }
}
