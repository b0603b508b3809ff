package dev.bulwark.cli.db;

import dev.bulwark.cli.Main;
import dev.bulwark.cli.common.DatabaseOption;
import dev.bulwark.vulndb.store.StoreException;
import dev.bulwark.vulndb.store.StoreImporter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code bulwark db import}: OSV records from zip dumps or directories into the database. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Import OSV records from zip dumps (osv.dev's all.zip) or directories of OSV JSON files"
          + " (recursive). A record replaces a stored record of the same id unless that one is"
          + " newer; withdrawn records are kept and flagged."
    })
public final class DbImportCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Zip dumps or directories.")
  List<Path> paths = new ArrayList<>();

  @Mixin DatabaseOption store = new DatabaseOption();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Path directory = store.database().directory();
    List<StoreImporter.ImportSource> sources =
        paths.stream()
            .map(path -> new StoreImporter.ImportSource(path, path.toAbsolutePath().toString()))
            .toList();
    long start = System.nanoTime();
    try {
      return ImportOutput.importAndReport(
          directory, sources, start, spec.commandLine().getOut(), spec.commandLine().getErr());
    } catch (StoreException e) {
      spec.commandLine().getErr().println("bulwark: " + e.getMessage());
      return Main.USAGE_OR_INPUT_ERROR;
    }
  }
}
