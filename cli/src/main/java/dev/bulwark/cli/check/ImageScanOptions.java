package dev.bulwark.cli.check;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code bulwark check --scan-images} and the options that say how images are pulled, scanned and
 * matched. Registry credentials come from the Docker config ({@code ~/.docker/config.json}), as for
 * {@code docker pull}, since one input names images of many registries.
 */
final class ImageScanOptions {
  static final int DEFAULT_PARALLELISM = 4;
  private static final int MAX_PARALLELISM = 64;

  @Option(
      names = "--scan-images",
      description =
          "Scan every image the workloads reference (each distinct image once, in parallel,"
              + " reusing stored results) so that image policies are evaluated.")
  boolean scanImages;

  @Option(
      names = "--db",
      paramLabel = "DIR",
      description =
          "With --scan-images: vulnerability database directory (default: $BULWARK_DB, else"
              + " ~/.cache/bulwark/db).")
  @Nullable Path database;

  @Option(
      names = "--platform",
      paramLabel = "OS/ARCH[/VARIANT]",
      description =
          "With --scan-images: platform chosen from multi-platform images (default:"
              + " linux/amd64).")
  @Nullable String platform;

  @Option(
      names = "--insecure-registry",
      paramLabel = "HOST[:PORT]",
      description =
          "With --scan-images: talk plain HTTP to this registry (local test registries only)."
              + " Repeatable.")
  List<String> insecureRegistries = new ArrayList<>();

  @Option(
      names = "--scan-parallelism",
      paramLabel = "N",
      description = "With --scan-images: images scanned at once (default: 4).")
  @Nullable Integer parallelism;

  @Option(
      names = "--cache-dir",
      paramLabel = "DIR",
      description = "With --scan-images: layer cache folder (default: ~/.cache/bulwark/layers).")
  @Nullable Path layerCache;

  @Option(
      names = "--scan-results",
      paramLabel = "DIR",
      description =
          "With --scan-images: where scan results are kept by image digest, for later runs and"
              + " the admission controller (default: ~/.cache/bulwark/scans).")
  @Nullable Path results;

  /**
   * Whether images are to be scanned. Scanner types stay out of this class's signatures: picocli
   * reflects on it for every check, which would load the scanner even when nothing is scanned.
   *
   * @throws CommandLine.ParameterException for an image option without {@code --scan-images} or a
   *     parallelism out of range
   */
  boolean requested(CommandLine commandLine) {
    if (!scanImages) {
      List<String> given = given();
      if (!given.isEmpty()) {
        throw new CommandLine.ParameterException(
            commandLine, String.join(", ", given) + " only apply with --scan-images");
      }
      return false;
    }
    if (parallelism() < 1 || parallelism() > MAX_PARALLELISM) {
      throw new CommandLine.ParameterException(
          commandLine, "--scan-parallelism must be between 1 and " + MAX_PARALLELISM);
    }
    return true;
  }

  int parallelism() {
    return parallelism == null ? DEFAULT_PARALLELISM : parallelism;
  }

  private List<String> given() {
    List<String> given = new ArrayList<>();
    if (database != null) {
      given.add("--db");
    }
    if (platform != null) {
      given.add("--platform");
    }
    if (!insecureRegistries.isEmpty()) {
      given.add("--insecure-registry");
    }
    if (parallelism != null) {
      given.add("--scan-parallelism");
    }
    if (layerCache != null) {
      given.add("--cache-dir");
    }
    if (results != null) {
      given.add("--scan-results");
    }
    return given;
  }
}
