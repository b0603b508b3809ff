package dev.bulwark.cli.image;

import dev.bulwark.cli.common.Console;
import dev.bulwark.cli.common.ScanProgressBar;
import dev.bulwark.scanner.analyzer.registry.Analyzers;
import dev.bulwark.scanner.image.Image;
import dev.bulwark.scanner.image.ImageException;
import dev.bulwark.scanner.image.Platform;
import dev.bulwark.scanner.image.layer.LayerReader;
import dev.bulwark.scanner.image.registry.RegistryCredentials;
import dev.bulwark.scanner.image.source.ImageOptions;
import dev.bulwark.scanner.image.source.ImageSource;
import dev.bulwark.scanner.sbom.SbomException;
import dev.bulwark.scanner.sbom.SbomLimits;
import dev.bulwark.scanner.sbom.SbomReader;
import dev.bulwark.scanner.scan.ImageScan;
import dev.bulwark.scanner.scan.ImageScanner;
import dev.bulwark.scanner.scan.LayerCache;
import dev.bulwark.scanner.scan.ScanProgress;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.InstantSource;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The image reference and the options that say how to open it, shared by the commands that scan an
 * image ({@code image scan}, {@code sbom}).
 */
public final class ImageInput {
  @Parameters(
      index = "0",
      paramLabel = "REF",
      description =
          "The image: a registry reference (registry.example.com/team/app:1.0, ...@sha256:...),"
              + " oci:DIR[:TAG], oci-archive:FILE[:TAG], docker-archive:FILE[:TAG], dir:ROOTFS,"
              + " or a path (a layout, an archive or a root filesystem); or an SBOM of one"
              + " (CycloneDX or SPDX 2 file, detected, or sbom:FILE).")
  String reference = "";

  @Option(
      names = "--platform",
      paramLabel = "OS/ARCH[/VARIANT]",
      description = "Platform chosen from multi-platform images (default: linux/amd64).")
  @Nullable String platform;

  @Option(names = "--username", paramLabel = "USER", description = "Registry user name.")
  @Nullable String username;

  @Option(
      names = "--password-stdin",
      description = "Read the registry password from standard input (needs --username).")
  boolean passwordStdin;

  @Option(
      names = "--insecure",
      description = "Talk plain HTTP to the registry (for local test registries only).")
  boolean insecure;

  @Option(
      names = "--cache-dir",
      paramLabel = "DIR",
      description = "Layer cache folder (default: ~/.cache/bulwark/layers).")
  @Nullable Path cacheDirectory;

  /**
   * Opens and scans the image, or reads the SBOM the reference names ({@link SbomReader#sbomFile})
   * as a scan without layers.
   *
   * @param stdin where {@code --password-stdin} reads
   * @param err where the progress bar goes when the terminal is interactive
   * @throws CommandLine.ParameterException for bad options
   * @throws ImageException when the image or the SBOM cannot be opened or read
   */
  public ImageScan scan(CommandLine commandLine, InputStream stdin, PrintWriter err) {
    ImageOptions options = options(commandLine, stdin);
    Optional<Path> sbom = SbomReader.sbomFile(reference);
    if (sbom.isPresent()) {
      return sbomScan(sbom.get(), options.platform());
    }
    Image image = ImageSource.open(reference, options);
    ScanProgress progress =
        Console.interactive()
            ? new ScanProgressBar(err, InstantSource.system())
            : ScanProgress.NONE;
    LayerCache cache =
        new LayerCache(cacheDirectory == null ? LayerCache.defaultDirectory() : cacheDirectory);
    return new ImageScanner(
            Analyzers.all(), new LayerReader(options.limits()), cache, progress, Clock.systemUTC())
        .scan(image);
  }

  // An SBOM lists what a scan would find: reading it replaces opening and scanning the image.
  private ImageScan sbomScan(Path file, Platform chosen) {
    try {
      return new SbomReader(SbomLimits.DEFAULTS)
          .read(file, reference, chosen, Clock.systemUTC().instant());
    } catch (SbomException e) {
      throw new ImageException(String.valueOf(e.getMessage()), e);
    }
  }

  private ImageOptions options(CommandLine commandLine, InputStream stdin) {
    ImageOptions options = ImageOptions.defaults().withInsecure(insecure);
    if (platform != null) {
      try {
        options = options.withPlatform(Platform.parse(platform));
      } catch (IllegalArgumentException | ImageException e) {
        throw new CommandLine.ParameterException(commandLine, "--platform: " + e.getMessage(), e);
      }
    }
    String user = username;
    if (passwordStdin != (user != null)) {
      throw new CommandLine.ParameterException(
          commandLine, "--username and --password-stdin go together: give both or neither");
    }
    if (user != null) {
      options = options.withCredentials(new RegistryCredentials(user, password(stdin)));
    }
    return options;
  }

  private static String password(InputStream stdin) {
    try {
      byte[] bytes = stdin.readNBytes(64 * 1024);
      return new String(bytes, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the password from standard input", e);
    }
  }
}
