package dev.bulwark.cli.db;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.bulwark.cli.Main;
import dev.bulwark.cli.common.DatabaseOption;
import dev.bulwark.vulndb.store.SourceEntry;
import dev.bulwark.vulndb.store.StoreException;
import dev.bulwark.vulndb.store.StoreLocation;
import dev.bulwark.vulndb.store.StoreStatus;
import dev.bulwark.vulndb.store.VulnerabilityStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bulwark db status}: what the database holds and how old it is. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Show the database's sources and import times, records per ecosystem, the newest"
          + " modification and its age."
    })
public final class DbStatusCommand implements Callable<Integer> {
  @Option(
      names = {"-o", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "Output format: table or json (default: ${DEFAULT-VALUE}).")
  String format = "table";

  @Mixin DatabaseOption store = new DatabaseOption();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    boolean json =
        switch (format.toLowerCase(Locale.ROOT)) {
          case "table" -> false;
          case "json" -> true;
          default ->
              throw new CommandLine.ParameterException(
                  spec.commandLine(),
                  "unknown output format \"" + format + "\": use table or json");
        };
    Path directory = store.database().directory();
    StoreStatus status;
    try (VulnerabilityStore view = VulnerabilityStore.open(directory)) {
      status = view.status();
    } catch (StoreException e) {
      spec.commandLine().getErr().println("bulwark: " + e.getMessage());
      return Main.USAGE_OR_INPUT_ERROR;
    }
    PrintWriter out = spec.commandLine().getOut();
    Path file = StoreLocation.databaseFile(directory);
    Instant now = Instant.now();
    try {
      if (json) {
        writeJson(status, file, now, out);
      } else {
        writeTable(status, file, now, out);
      }
    } catch (IOException e) {
      spec.commandLine().getErr().println("bulwark: cannot write the status: " + e.getMessage());
      return Main.USAGE_OR_INPUT_ERROR;
    }
    out.flush();
    return Main.OK;
  }

  private static void writeTable(StoreStatus status, Path file, Instant now, PrintWriter out) {
    out.println("Database:  " + file);
    out.printf(Locale.ROOT, "Records:   %d (%d withdrawn)%n", status.records(), status.withdrawn());
    Instant newest = status.newestModified();
    out.println(
        "Newest:    "
            + (newest == null
                ? "-"
                : newest + " (" + age(Duration.between(newest, now)) + " ago)"));
    out.println();
    out.println("ECOSYSTEM                RECORDS");
    for (Map.Entry<String, Integer> entry : status.recordsPerEcosystem().entrySet()) {
      out.printf(Locale.ROOT, "%-24s %7d%n", entry.getKey(), entry.getValue());
    }
    out.println();
    out.println("SOURCE");
    for (SourceEntry source : status.sources()) {
      out.printf(
          Locale.ROOT,
          "%s%n  imported %s (%s ago), %d records%n",
          source.location(),
          source.importedAt(),
          age(Duration.between(source.importedAt(), now)),
          source.records());
    }
  }

  private static void writeJson(StoreStatus status, Path file, Instant now, PrintWriter out)
      throws IOException {
    DefaultPrettyPrinter pretty =
        new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    try (JsonGenerator generator = new JsonFactory().createGenerator(out)) {
      generator.setPrettyPrinter(pretty);
      generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      generator.writeStartObject();
      generator.writeStringField("database", file.toString());
      generator.writeNumberField("records", status.records());
      generator.writeNumberField("withdrawn", status.withdrawn());
      Instant newest = status.newestModified();
      writeInstant(generator, "newestModified", newest);
      if (newest == null) {
        generator.writeNullField("ageSeconds");
      } else {
        generator.writeNumberField("ageSeconds", Duration.between(newest, now).toSeconds());
      }
      generator.writeObjectFieldStart("ecosystems");
      for (Map.Entry<String, Integer> entry : status.recordsPerEcosystem().entrySet()) {
        generator.writeNumberField(entry.getKey(), entry.getValue());
      }
      generator.writeEndObject();
      generator.writeArrayFieldStart("sources");
      for (SourceEntry source : status.sources()) {
        generator.writeStartObject();
        generator.writeStringField("location", source.location());
        writeInstant(generator, "importedAt", source.importedAt());
        generator.writeNumberField("records", source.records());
        generator.writeEndObject();
      }
      generator.writeEndArray();
      generator.writeEndObject();
    }
    out.println();
  }

  private static void writeInstant(JsonGenerator generator, String name, @Nullable Instant value)
      throws IOException {
    if (value == null) {
      generator.writeNullField(name);
    } else {
      generator.writeStringField(name, value.toString());
    }
  }

  /** A duration for people: the largest whole unit. */
  static String age(Duration duration) {
    long seconds = Math.max(0, duration.toSeconds());
    if (seconds < 120) {
      return seconds + " s";
    }
    if (seconds < 7_200) {
      return seconds / 60 + " min";
    }
    if (seconds < 172_800) {
      return seconds / 3_600 + " h";
    }
    return seconds / 86_400 + " d";
  }
}
