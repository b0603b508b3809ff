package dev.bulwark.cli.sbom;

import dev.bulwark.cli.Main;
import dev.bulwark.cli.image.CycloneDxWriter;
import dev.bulwark.cli.image.ImageInput;
import dev.bulwark.cli.image.SpdxWriter;
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

/** {@code bulwark sbom}: a software bill of materials of an image. */
@Command(
    name = "sbom",
    mixinStandardHelpOptions = true,
    description = {
      "Write a software bill of materials of an image: CycloneDX 1.6 JSON or SPDX 2.3 JSON. REF"
          + " may also be an SBOM, which is then converted.",
      "",
      "Exit codes: 0 written, 2 usage or input error (bad reference, unreadable image)."
    })
public final class SbomCommand implements Callable<Integer> {
  @Mixin ImageInput input = new ImageInput();

  @Option(
      names = {"-o", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "cyclonedx",
      description =
          "cyclonedx (CycloneDX 1.6 JSON) or spdx (SPDX 2.3 JSON); default: ${DEFAULT-VALUE}.")
  String format = "cyclonedx";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    boolean spdx = parseFormat();
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
      if (spdx) {
        SpdxWriter.write(scan, Main.version(), out);
      } else {
        CycloneDxWriter.write(scan, Main.version(), out);
      }
      out.flush();
    } catch (IOException e) {
      err.println("bulwark: cannot write the SBOM: " + e.getMessage());
      return Main.USAGE_OR_INPUT_ERROR;
    }
    return Main.OK;
  }

  private boolean parseFormat() {
    return switch (format.toLowerCase(Locale.ROOT)) {
      case "cyclonedx" -> false;
      case "spdx" -> true;
      default ->
          throw new CommandLine.ParameterException(
              spec.commandLine(), "unknown SBOM format \"" + format + "\": use cyclonedx or spdx");
    };
  }
}
