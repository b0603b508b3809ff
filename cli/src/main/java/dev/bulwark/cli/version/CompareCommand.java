package dev.bulwark.cli.version;

import dev.bulwark.cli.Main;
import dev.bulwark.vulndb.version.InvalidVersionException;
import dev.bulwark.vulndb.version.VersionComparator;
import dev.bulwark.vulndb.version.VersionComparators;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bulwark version compare}: prints {@code <}, {@code =} or {@code >} for two versions. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
      "Compare two versions as their ecosystem orders them and print <, = or >.",
      "",
      "Ecosystems: " + Ecosystems.CHOICES + ".",
      "",
      "Exit codes: 0 compared, 2 usage error, unknown ecosystem or invalid version."
    })
public final class CompareCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "ECOSYSTEM", description = "The versions' ecosystem.")
  String ecosystem = "";

  @Parameters(
      index = "1..*",
      arity = "0..2",
      paramLabel = "VERSION",
      description = "The two versions A and B; the output says how A compares to B.")
  List<String> versions = new ArrayList<>();

  @Option(
      names = "--batch",
      paramLabel = "FILE",
      description =
          "Read one pair 'A B' per line from FILE (- for standard input) and print one result per"
              + " line.")
  @Nullable String batch;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if ((batch == null) == (versions.size() != 2)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          batch == null
              ? "expected two versions A and B, or --batch FILE"
              : "give either two versions or --batch FILE, not both");
    }
    PrintWriter err = spec.commandLine().getErr();
    VersionComparator comparator =
        Ecosystems.scheme(ecosystem).map(VersionComparators::of).orElse(null);
    if (comparator == null) {
      err.println(
          "bulwark: unknown ecosystem \"" + ecosystem + "\"; use one of " + Ecosystems.CHOICES);
      return Main.USAGE_OR_INPUT_ERROR;
    }
    PrintWriter out = spec.commandLine().getOut();
    if (batch == null) {
      try {
        out.println(symbol(comparator.compare(versions.get(0), versions.get(1))));
        return Main.OK;
      } catch (InvalidVersionException e) {
        err.println("bulwark: " + e.getMessage());
        return Main.USAGE_OR_INPUT_ERROR;
      } finally {
        out.flush();
      }
    }
    return compareBatch(comparator, batch, out, err);
  }

  private int compareBatch(
      VersionComparator comparator, String source, PrintWriter out, PrintWriter err) {
    String name = source.equals("-") ? "<stdin>" : source;
    try (BufferedReader reader = open(source)) {
      int number = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        number++;
        String[] pair = line.strip().split("\\s+");
        if (pair.length != 2) {
          err.println(
              "bulwark: "
                  + name
                  + ":"
                  + number
                  + ": expected two versions separated by white space, found \""
                  + line
                  + "\"");
          return Main.USAGE_OR_INPUT_ERROR;
        }
        try {
          out.println(symbol(comparator.compare(pair[0], pair[1])));
        } catch (InvalidVersionException e) {
          err.println("bulwark: " + name + ":" + number + ": " + e.getMessage());
          return Main.USAGE_OR_INPUT_ERROR;
        }
      }
      return Main.OK;
    } catch (NoSuchFileException e) {
      err.println("bulwark: " + name + ": no such file");
      return Main.USAGE_OR_INPUT_ERROR;
    } catch (IOException e) {
      err.println("bulwark: cannot read " + name + ": " + e.getMessage());
      return Main.USAGE_OR_INPUT_ERROR;
    } finally {
      out.flush();
    }
  }

  private static BufferedReader open(String source) throws IOException {
    if (source.equals("-")) {
      return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    }
    return Files.newBufferedReader(Path.of(source), StandardCharsets.UTF_8);
  }

  private static String symbol(int comparison) {
    return comparison < 0 ? "<" : comparison == 0 ? "=" : ">";
  }
}
