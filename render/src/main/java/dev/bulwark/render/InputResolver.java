package dev.bulwark.render;

import dev.bulwark.core.manifest.ManifestError;
import dev.bulwark.core.manifest.ManifestSource;
import dev.bulwark.core.manifest.ManifestSource.FileSource;
import dev.bulwark.core.manifest.ManifestSource.TextSource;
import dev.bulwark.core.manifest.ReadLimits;
import dev.bulwark.render.helm.HelmChartRenderer;
import dev.bulwark.render.helm.HelmOptions;
import dev.bulwark.render.kustomize.KustomizeRenderer;
import dev.bulwark.render.source.DisplayPaths;
import dev.bulwark.render.source.RenderResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Turns command-line inputs into sources for the manifest reader.
 *
 * <ul>
 *   <li>A file is read as YAML or JSON whatever its extension.
 *   <li>A directory holding {@code Chart.yaml} is rendered as a Helm chart; one holding a
 *       kustomization file is rendered with {@code kubectl kustomize}; any other directory is
 *       walked recursively in name order for {@code .yaml}, {@code .yml} and {@code .json} files,
 *       skipping hidden directories (such as {@code .git}) and rendering the charts and
 *       kustomizations it finds instead of descending into them. Symbolic links to directories are
 *       not followed while walking.
 *   <li>{@code -} is standard input, read fully up to {@link ReadLimits#maxFileBytes()} and shown
 *       as {@code <stdin>}.
 * </ul>
 *
 * <p>Display names are the inputs as given (relative to the working directory), so reports are the
 * same on every machine. Problems never throw: they come back as errors, and the other inputs are
 * still resolved.
 *
 * <p>Thread-safe if the standard input supplier is; standard input can be consumed only once.
 */
public final class InputResolver {
  /** The input that means standard input. */
  public static final String STANDARD_INPUT = "-";

  /** The display name of standard input. */
  public static final String STANDARD_INPUT_NAME = "<stdin>";

  private static final List<String> MANIFEST_EXTENSIONS = List.of(".yaml", ".yml", ".json");

  private final Path workingDirectory;
  private final ReadLimits limits;
  private final HelmChartRenderer helm;
  private final KustomizeRenderer kustomize;
  private final Supplier<InputStream> standardInput;

  /**
   * @param workingDirectory relative inputs are resolved and displayed relative to it
   * @param limits standard input larger than {@link ReadLimits#maxFileBytes()} is refused
   * @param standardInput opened when an input is {@code -}
   */
  public InputResolver(
      Path workingDirectory,
      ReadLimits limits,
      HelmChartRenderer helm,
      KustomizeRenderer kustomize,
      Supplier<InputStream> standardInput) {
    this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
    this.limits = Objects.requireNonNull(limits, "limits");
    this.helm = Objects.requireNonNull(helm, "helm");
    this.kustomize = Objects.requireNonNull(kustomize, "kustomize");
    this.standardInput = Objects.requireNonNull(standardInput, "standardInput");
  }

  /**
   * The resolver of a command-line run: this process's standard input, and kubectl looked up on its
   * {@code PATH}.
   */
  public static InputResolver forProcess(
      Path workingDirectory, ReadLimits limits, HelmOptions helmOptions) {
    return new InputResolver(
        workingDirectory,
        limits,
        new HelmChartRenderer(helmOptions, workingDirectory),
        KustomizeRenderer.fromEnvironment(limits),
        () -> System.in);
  }

  /** Resolves {@code inputs} (paths, or {@code -}) in order. */
  public ResolvedInputs resolve(List<String> inputs) {
    Resolution resolution = new Resolution();
    for (String input : inputs) {
      if (input.equals(STANDARD_INPUT)) {
        readStandardInput(resolution);
      } else {
        resolvePath(input, resolution);
      }
    }
    return new ResolvedInputs(resolution.sources, resolution.errors);
  }

  /** Collects the outcome of one {@link #resolve} call. */
  private static final class Resolution {
    final List<ManifestSource> sources = new ArrayList<>();
    final List<ManifestError> errors = new ArrayList<>();

    void add(RenderResult result) {
      switch (result) {
        case RenderResult.Rendered rendered -> sources.add(rendered.source());
        case RenderResult.Failed failed -> errors.add(failed.error());
      }
    }
  }

  private void resolvePath(String input, Resolution resolution) {
    Path path = workingDirectory.resolve(input).normalize();
    String displayName = DisplayPaths.ofInput(input, workingDirectory);
    if (Files.isDirectory(path)) {
      resolveDirectory(path, displayName, resolution);
    } else if (Files.exists(path)) {
      resolution.sources.add(new FileSource(path, displayName));
    } else {
      resolution.errors.add(ManifestError.ofFile(displayName, "no such file or directory"));
    }
  }

  private void resolveDirectory(Path directory, String displayName, Resolution resolution) {
    if (HelmChartRenderer.isChart(directory)) {
      resolution.add(helm.render(directory, displayName));
    } else if (KustomizeRenderer.isKustomization(directory)) {
      resolution.add(kustomize.render(directory, displayName));
    } else {
      walk(directory, displayName, resolution);
    }
  }

  private void walk(Path directory, String displayName, Resolution resolution) {
    List<Path> entries;
    try (Stream<Path> listing = Files.list(directory)) {
      entries = listing.sorted(Comparator.comparing(InputResolver::fileName)).toList();
    } catch (IOException | UncheckedIOException e) {
      resolution.errors.add(
          ManifestError.ofFile(displayName, "cannot list directory: " + e.getMessage()));
      return;
    }
    for (Path entry : entries) {
      String name = fileName(entry);
      String entryDisplayName = DisplayPaths.child(displayName, name);
      if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
        if (!name.startsWith(".")) {
          resolveDirectory(entry, entryDisplayName, resolution);
        }
      } else if (isManifestFile(name) && Files.isRegularFile(entry)) {
        resolution.sources.add(new FileSource(entry, entryDisplayName));
      }
    }
  }

  private void readStandardInput(Resolution resolution) {
    long limit = limits.maxFileBytes();
    byte[] bytes;
    try {
      InputStream input = standardInput.get();
      bytes = input.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
    } catch (IOException e) {
      resolution.errors.add(
          ManifestError.ofFile(
              STANDARD_INPUT_NAME, "cannot read standard input: " + e.getMessage()));
      return;
    }
    if (bytes.length > limit) {
      resolution.errors.add(
          ManifestError.ofFile(
              STANDARD_INPUT_NAME,
              "standard input is larger than the limit of "
                  + limit
                  + " bytes; save it to files and pass them (or their directory) instead"));
      return;
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    resolution.sources.add(TextSource.direct(STANDARD_INPUT_NAME, text));
  }

  private static boolean isManifestFile(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return MANIFEST_EXTENSIONS.stream().anyMatch(lower::endsWith);
  }

  private static String fileName(Path path) {
    Path name = path.getFileName();
    return name == null ? "" : name.toString();
  }
}
