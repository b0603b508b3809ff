package dev.bulwark.render.kustomize;

import dev.bulwark.core.manifest.ManifestError;
import dev.bulwark.core.manifest.ManifestSource.TextSource;
import dev.bulwark.core.manifest.ReadLimits;
import dev.bulwark.render.source.DisplayPaths;
import dev.bulwark.render.source.RenderResult;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Renders a Kustomize directory with {@code kubectl kustomize} and maps each rendered object back
 * to the resource file it came from (see {@link PatchedSourceMap} for fields written by patches).
 *
 * <p>A rendered object is matched to a document of the kustomization's local resources with the
 * same kind whose name, after the {@code namePrefix}/{@code nameSuffix} of every kustomization on
 * the way, equals the rendered name; failing that, one whose name the rendered name contains.
 * Fields resolve against that document, so a field a patch added to it points at its closest
 * existing parent there, or at the patch file that wrote it. Objects without a local source
 * (generated ConfigMaps, remote bases) map to the kustomization file without a line.
 *
 * <p>Immutable and thread-safe; each render runs its own process.
 */
public final class KustomizeRenderer {
  /** How long {@code kubectl kustomize} may run before it is killed. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

  private static final Pattern QUOTED_ERROR = Pattern.compile("err=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private final @Nullable String searchPath;
  private final ReadLimits limits;
  private final Duration timeout;

  /**
   * @param searchPath where to look for {@code kubectl}, in the syntax of the {@code PATH}
   *     environment variable; null when there is none (kubectl is then reported as missing)
   * @param limits rendered output larger than {@link ReadLimits#maxFileBytes()} is refused; source
   *     files are read within these limits
   * @param timeout after which a render is killed and reported as failed
   */
  public KustomizeRenderer(@Nullable String searchPath, ReadLimits limits, Duration timeout) {
    this.searchPath = searchPath;
    this.limits = Objects.requireNonNull(limits, "limits");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /** Looks for kubectl on this process's {@code PATH}, with the default timeout. */
  public static KustomizeRenderer fromEnvironment(ReadLimits limits) {
    return new KustomizeRenderer(System.getenv("PATH"), limits, DEFAULT_TIMEOUT);
  }

  /** Whether {@code directory} holds a kustomization file. */
  public static boolean isKustomization(Path directory) {
    return Kustomization.fileIn(directory) != null;
  }

  /**
   * Renders the kustomization in {@code directory}. Never throws for a bad kustomization: a missing
   * kubectl, a failing or hanging kubectl and oversized output come back as a {@link
   * RenderResult.Failed} naming {@code displayName}.
   */
  public RenderResult render(Path directory, String displayName) {
    Path absolute = directory.toAbsolutePath().normalize();
    Path kustomizationFile = Kustomization.fileIn(absolute);
    if (kustomizationFile == null) {
      return failed(
          displayName,
          "no kustomization file in it (expected one of " + Kustomization.FILE_NAMES + ")");
    }
    Path kubectl = findKubectl();
    if (kubectl == null) {
      return failed(
          displayName, "kubectl not found on PATH (install kubectl, which includes kustomize)");
    }
    ProcessOutput output;
    try {
      output = ProcessOutput.run(kubectl, absolute, limits.maxFileBytes(), timeout);
    } catch (IOException e) {
      return failed(displayName, "cannot run " + kubectl + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(displayName, "interrupted while kubectl kustomize was running");
    }
    if (output.timedOut()) {
      return failed(
          displayName,
          "kubectl kustomize did not finish within " + describe(timeout) + " and was stopped");
    }
    if (output.stdoutTruncated()) {
      return failed(
          displayName,
          "the rendered output is larger than the limit of "
              + limits.maxFileBytes()
              + " bytes; render smaller kustomizations separately");
    }
    if (output.exitCode() != 0) {
      String reason = "kubectl kustomize exited with code " + output.exitCode();
      String message = kubectlMessage(output.stderr());
      return failed(displayName, message.isEmpty() ? reason : reason + ": " + message);
    }
    String kustomizationDisplayName =
        DisplayPaths.child(displayName, kustomizationFile.getFileName().toString());
    KustomizeSources sources =
        KustomizeSources.collect(
            absolute, displayName, kustomizationDisplayName, new YamlDocuments(limits));
    return new RenderResult.Rendered(
        new TextSource(displayName, output.stdout(), sources::sourceMap));
  }

  /**
   * kubectl wraps its error in a log line ({@code E0101 ... "command failed" err="..."}); the
   * quoted message is what a person needs.
   */
  private static String kubectlMessage(String stderr) {
    Matcher matcher = QUOTED_ERROR.matcher(stderr);
    return matcher.find() ? matcher.group(1).replace("\\\"", "\"") : stderr;
  }

  private static String describe(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " seconds" : millis + " ms";
  }

  private @Nullable Path findKubectl() {
    if (searchPath == null) {
      return null;
    }
    boolean windows = File.pathSeparatorChar == ';';
    for (String entry : searchPath.split(File.pathSeparator)) {
      if (entry.isBlank()) {
        continue;
      }
      try {
        Path candidate = Path.of(entry, windows ? "kubectl.exe" : "kubectl");
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return candidate;
        }
      } catch (InvalidPathException e) {
        // A PATH entry that is no valid path cannot hold kubectl either.
      }
    }
    return null;
  }

  private static RenderResult failed(String displayName, String reason) {
    return new RenderResult.Failed(
        ManifestError.ofFile(
            displayName, "cannot render Kustomize directory " + displayName + ": " + reason));
  }
}
