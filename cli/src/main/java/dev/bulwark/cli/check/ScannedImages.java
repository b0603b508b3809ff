package dev.bulwark.cli.check;

import dev.bulwark.core.image.ImageData;
import dev.bulwark.core.image.ImageDataProvider;
import dev.bulwark.detect.deploy.ImageUse;
import dev.bulwark.detect.report.ReportNote;
import dev.bulwark.scanner.image.ImageException;
import dev.bulwark.scanner.image.Platform;
import dev.bulwark.scanner.image.source.ImageOptions;
import dev.bulwark.scanner.results.ImageScanOutcome;
import dev.bulwark.scanner.results.ImageScanService;
import dev.bulwark.scanner.results.ScanResult;
import dev.bulwark.scanner.results.ScanResultStore;
import dev.bulwark.scanner.results.ScanSettings;
import dev.bulwark.scanner.scan.LayerCache;
import dev.bulwark.scanner.vuln.LocalDatabase;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;

/**
 * The images of one {@code bulwark check --scan-images}, scanned: image data by reference as the
 * workloads write it, and what the user must know about what could not be scanned or checked.
 *
 * @param data the result of every referenced image that could be scanned, by reference
 * @param notes one per image that could not be scanned (policies needing its data are not
 *     evaluated), one for images not checked for vulnerabilities, and one per stored result that
 *     was ignored
 * @param summary one line saying how many images were referenced, scanned, reused and failed
 * @param referenced how many distinct references the workloads hold
 * @param failed how many of them could not be scanned
 */
record ScannedImages(
    Map<String, ImageData> data,
    List<ReportNote> notes,
    String summary,
    int referenced,
    int failed) {
  ScannedImages {
    data = Map.copyOf(data);
    notes = List.copyOf(notes);
  }

  /** Image data by the reference the container gives; unknown images have none. */
  ImageDataProvider provider() {
    return image -> Optional.ofNullable(data.get(image.fullName().strip()));
  }

  /** True when images were referenced and none could be scanned. */
  boolean nothingScanned() {
    return referenced > 0 && failed == referenced;
  }

  /**
   * Scans every image once, in parallel.
   *
   * @param progress where one line per finished image goes, or null for none
   * @throws CommandLine.ParameterException for a bad {@code --platform}
   */
  static ScannedImages scan(
      List<ImageUse> uses,
      ImageScanOptions options,
      CommandLine commandLine,
      Clock clock,
      @Nullable PrintWriter progress)
      throws InterruptedException {
    ScanSettings settings = settings(options, commandLine);
    List<String> storeNotes = new CopyOnWriteArrayList<>();
    List<ImageScanOutcome> outcomes = new ArrayList<>(uses.size());
    ImageScanService.Counts counts;
    try (ImageScanService service = new ImageScanService(settings, clock, storeNotes::add)) {
      AtomicInteger done = new AtomicInteger();
      List<CompletableFuture<ImageScanOutcome>> pending = new ArrayList<>(uses.size());
      for (ImageUse use : uses) {
        CompletableFuture<ImageScanOutcome> outcome = service.scanRegistryImage(use.reference());
        if (progress != null) {
          outcome.thenAccept(
              finished -> progress(progress, use, finished, done.incrementAndGet(), uses.size()));
        }
        pending.add(outcome);
      }
      for (CompletableFuture<ImageScanOutcome> outcome : pending) {
        try {
          outcomes.add(outcome.get());
        } catch (ExecutionException e) {
          throw new IllegalStateException("the scan service completes every outcome", e);
        }
      }
      counts = service.counts();
    }
    return collect(uses, outcomes, storeNotes, counts, settings.database());
  }

  private static ScanSettings settings(ImageScanOptions options, CommandLine commandLine) {
    ImageOptions imageOptions = ImageOptions.defaults();
    if (options.platform != null) {
      try {
        imageOptions = imageOptions.withPlatform(Platform.parse(options.platform));
      } catch (IllegalArgumentException | ImageException e) {
        throw new CommandLine.ParameterException(commandLine, "--platform: " + e.getMessage(), e);
      }
    }
    return new ScanSettings(
        imageOptions,
        Set.copyOf(options.insecureRegistries),
        options.layerCache == null ? LayerCache.defaultDirectory() : options.layerCache,
        options.results == null ? ScanResultStore.defaultDirectory() : options.results,
        LocalDatabase.resolve(options.database).directory(),
        options.parallelism());
  }

  private static ScannedImages collect(
      List<ImageUse> uses,
      List<ImageScanOutcome> outcomes,
      List<String> storeNotes,
      ImageScanService.Counts counts,
      @Nullable Path database) {
    Map<String, ImageData> data = new HashMap<>();
    List<ReportNote> notes = new ArrayList<>();
    int failed = 0;
    int unchecked = 0;
    for (int i = 0; i < uses.size(); i++) {
      ImageUse use = uses.get(i);
      ImageScanOutcome outcome = outcomes.get(i);
      ScanResult result = outcome.result();
      if (result == null) {
        failed++;
        notes.add(
            new ReportNote(
                use.file(),
                use.line(),
                "image "
                    + use.reference()
                    + " cannot be scanned, so policies that need its scan data are not evaluated"
                    + " for it: "
                    + Objects.requireNonNullElse(outcome.problem(), "unknown reason")));
        continue;
      }
      data.put(use.reference(), result.data());
      if (!result.vulnerabilitiesChecked()) {
        unchecked++;
      }
    }
    if (unchecked > 0) {
      notes.add(
          new ReportNote(
              "",
              0,
              "no vulnerability database in "
                  + database
                  + ": "
                  + images(unchecked)
                  + " NOT checked for vulnerabilities, so vulnerability criteria are not evaluated"
                  + " for them; run `bulwark db update` or `bulwark db import` first"));
    }
    storeNotes.forEach(note -> notes.add(new ReportNote("", 0, note)));
    String summary =
        "%d image %s: %d scanned, %d from stored results, %d could not be scanned"
            .formatted(
                uses.size(),
                uses.size() == 1 ? "reference" : "references",
                counts.scanned(),
                counts.stored(),
                failed);
    return new ScannedImages(data, notes, summary, uses.size(), failed);
  }

  private static String images(int count) {
    return count == 1 ? "1 image was" : count + " images were";
  }

  private static void progress(
      PrintWriter err, ImageUse use, ImageScanOutcome outcome, int done, int total) {
    String what =
        switch (outcome.source()) {
          case SCANNED -> "scanned";
          case STORED -> "stored result";
          case FAILED -> "cannot be scanned";
        };
    synchronized (err) {
      err.println("bulwark: image " + done + "/" + total + " " + what + ": " + use.reference());
      err.flush();
    }
  }
}
