package dev.bulwark.cli.image;

import dev.bulwark.cli.Main;
import dev.bulwark.scanner.image.ImageException;
import dev.bulwark.scanner.scan.ImageScan;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bulwark image scan}: the operating system and packages of an image. */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description = {
      "List the operating system and the packages installed in an image, layer by layer.",
      "",
      "Exit codes: 0 scanned, 2 usage or input error (bad reference, unreadable image)."
    })
public final class ImageScanCommand implements Callable<Integer> {
  @Mixin ImageInput input = new ImageInput();

  @Option(
      names = {"-o", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "Output format: table or json (default: ${DEFAULT-VALUE}).")
  String format = "table";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    boolean json = parseFormat();
    PrintWriter err = spec.commandLine().getErr();
    ImageScan scan;
    try {
      scan = input.scan(spec.commandLine(), System.in, err);
    } catch (ImageException | UncheckedIOException e) {
      err.println("bulwark: " + e.getMessage());
      return Main.USAGE_OR_INPUT_ERROR;
    }
    try {
      Writer out = spec.commandLine().getOut();
      if (json) {
        ImageScanJson.write(scan, out);
      } else {
        ImageScanTable.write(scan, out);
      }
      out.flush();
    } catch (IOException e) {
      err.println("bulwark: cannot write the result: " + e.getMessage());
      return Main.USAGE_OR_INPUT_ERROR;
    }
    return Main.OK;
  }

  private boolean parseFormat() {
    return switch (format.toLowerCase(Locale.ROOT)) {
      case "table" -> false;
      case "json" -> true;
      default ->
          throw new CommandLine.ParameterException(
              spec.commandLine(), "unknown output format \"" + format + "\": use table or json");
    };
  }
}
