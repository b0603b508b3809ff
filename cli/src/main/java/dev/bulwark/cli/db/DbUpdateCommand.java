package dev.bulwark.cli.db;

import dev.bulwark.cli.Main;
import dev.bulwark.cli.common.DatabaseOption;
import dev.bulwark.vulndb.store.ArchiveLimits;
import dev.bulwark.vulndb.store.MirrorDownloader;
import dev.bulwark.vulndb.store.StoreException;
import dev.bulwark.vulndb.store.StoreImporter;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bulwark db update}: download OSV zip dumps from a mirror, then import them. */
@Command(
    name = "update",
    mixinStandardHelpOptions = true,
    description = {
      "Download OSV zip dumps over HTTP(S) and import them: SOURCE/<ECOSYSTEM>/all.zip for each"
          + " --ecosystem (the layout of osv.dev's bucket), or SOURCE itself when no ecosystem"
          + " is given."
    })
public final class DbUpdateCommand implements Callable<Integer> {
  @Option(names = "--source", required = true, paramLabel = "URL", description = "Mirror URL.")
  String source = "";

  @Option(
      names = "--ecosystem",
      paramLabel = "ECOSYSTEM",
      description = "Ecosystem directory on the mirror, such as PyPI or Debian (repeatable).")
  List<String> ecosystems = new ArrayList<>();

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description = "Connect and request timeout per download (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds = 60;

  @Mixin DatabaseOption store = new DatabaseOption();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (timeoutSeconds <= 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--timeout must be a positive number of seconds");
    }
    Path directory = store.database().directory();
    long start = System.nanoTime();
    Path downloads = null;
    try {
      List<URI> urls = MirrorDownloader.urls(source, ecosystems);
      downloads = Files.createTempDirectory("bulwark-db-update");
      MirrorDownloader downloader =
          new MirrorDownloader(Duration.ofSeconds(timeoutSeconds), ArchiveLimits.DEFAULT);
      List<StoreImporter.ImportSource> sources = new ArrayList<>();
      for (int i = 0; i < urls.size(); i++) {
        Path zip = downloads.resolve(i + ".zip");
        downloader.download(urls.get(i), zip);
        sources.add(new StoreImporter.ImportSource(zip, urls.get(i).toString()));
      }
      return ImportOutput.importAndReport(
          directory, sources, start, spec.commandLine().getOut(), spec.commandLine().getErr());
    } catch (StoreException e) {
      spec.commandLine().getErr().println("bulwark: " + e.getMessage());
      return Main.USAGE_OR_INPUT_ERROR;
    } catch (IOException e) {
      spec.commandLine().getErr().println("bulwark: cannot create a download directory: " + e);
      return Main.USAGE_OR_INPUT_ERROR;
    } finally {
      deleteTree(downloads);
    }
  }

  private static void deleteTree(@Nullable Path directory) {
    if (directory == null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(directory)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // A temporary directory left behind is cleaned by the system.
    }
  }
}
