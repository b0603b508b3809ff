package dev.bulwark.cli.image;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bulwark image}: the image commands. */
@Command(
    name = "image",
    mixinStandardHelpOptions = true,
    description = "Commands on container images.",
    subcommands = {ImageScanCommand.class, ImageCheckCommand.class})
public final class ImageCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
