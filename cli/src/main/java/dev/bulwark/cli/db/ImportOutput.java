package dev.bulwark.cli.db;

import dev.bulwark.cli.Main;
import dev.bulwark.vulndb.store.ArchiveLimits;
import dev.bulwark.vulndb.store.ImportProblem;
import dev.bulwark.vulndb.store.ImportReport;
import dev.bulwark.vulndb.store.StoreException;
import dev.bulwark.vulndb.store.StoreImporter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** What {@code db import} and {@code db update} print about an import. */
final class ImportOutput {
  /** Warnings printed in full; a whole ecosystem's dump can carry thousands. */
  static final int WARNINGS_SHOWN = 20;

  private ImportOutput() {}

  /**
   * Imports {@code sources} into the store in {@code directory}, prints the summary and problems,
   * and returns the exit code; {@code startNanos} is when the command started (downloads count).
   */
  static int importAndReport(
      Path directory,
      List<StoreImporter.ImportSource> sources,
      long startNanos,
      PrintWriter out,
      PrintWriter err)
      throws StoreException {
    ImportReport report =
        new StoreImporter(
                directory,
                ArchiveLimits.DEFAULT,
                StoreImporter.DEFAULT_LOCK_TIMEOUT,
                Clock.systemUTC())
            .importSources(sources);
    return report(report, directory, Duration.ofNanos(System.nanoTime() - startNanos), out, err);
  }

  /** Prints the summary and problems, and returns the exit code. */
  static int report(
      ImportReport report, Path directory, Duration took, PrintWriter out, PrintWriter err) {
    List<ImportProblem> warnings =
        report.problems().stream().filter(problem -> !problem.rejected()).toList();
    for (ImportProblem problem : report.problems()) {
      if (problem.rejected()) {
        err.println("bulwark: " + problem);
      }
    }
    warnings.stream().limit(WARNINGS_SHOWN).forEach(problem -> err.println("bulwark: " + problem));
    if (warnings.size() > WARNINGS_SHOWN) {
      err.println(
          "bulwark: ... and "
              + (warnings.size() - WARNINGS_SHOWN)
              + " more warnings (parts of records that were dropped)");
    }
    out.printf(
        Locale.ROOT,
        "imported %d records into %s in %.1f s: %d added, %d replaced, %d kept (a newer version"
            + " is stored), %d warnings, %d rejected%n",
        report.read(),
        directory,
        took.toMillis() / 1000.0,
        report.added(),
        report.replaced(),
        report.keptNewer(),
        warnings.size(),
        report.rejected());
    out.flush();
    err.flush();
    if (report.rejected() > 0) {
      err.println(
          "bulwark: "
              + report.rejected()
              + " documents were not OSV records and were skipped; the others were imported");
      return Main.USAGE_OR_INPUT_ERROR;
    }
    return Main.OK;
  }
}
