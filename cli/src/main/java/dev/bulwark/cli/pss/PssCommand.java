package dev.bulwark.cli.pss;

import dev.bulwark.cli.Main;
import dev.bulwark.cli.common.Console;
import dev.bulwark.core.manifest.ManifestReader;
import dev.bulwark.core.manifest.ReadLimits;
import dev.bulwark.detect.report.ReportError;
import dev.bulwark.policy.pss.LevelVersion;
import dev.bulwark.render.InputResolver;
import dev.bulwark.render.ResolvedInputs;
import dev.bulwark.render.helm.HelmOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bulwark pss}: what the PodSecurity admission plugin would say about every pod. */
@Command(
    name = "pss",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluate every pod and pod template against a Pod Security Standards level, as the"
          + " Kubernetes PodSecurity admission plugin does.",
      "",
      "Exit codes: 0 every pod allowed, 1 a pod denied, 2 usage or input error."
    })
public final class PssCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "LEVEL[:VERSION]",
      description =
          "privileged, baseline or restricted, optionally with a policy version: latest (the"
              + " default) or v1.N, such as restricted:v1.30.")
  String policy = "";

  @Parameters(
      index = "1..*",
      arity = "1..*",
      paramLabel = "PATH",
      description =
          "Files, directories (recursive .yaml/.yml/.json), Helm chart or Kustomize directories,"
              + " or - for standard input.")
  List<String> inputs = new ArrayList<>();

  @Option(
      names = {"-o", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "Output format: table or json (default: ${DEFAULT-VALUE}).")
  String format = "table";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    LevelVersion levelVersion = parsePolicy();
    boolean json = parseFormat();
    ResolvedInputs resolved =
        InputResolver.forProcess(Path.of(""), ReadLimits.DEFAULT, HelmOptions.DEFAULT)
            .resolve(inputs);
    PssReport report =
        new PssRun(new ManifestReader(ReadLimits.DEFAULT), levelVersion)
            .run(Main.version(), resolved.sources(), resolved.errors());

    PrintWriter err = spec.commandLine().getErr();
    try {
      write(report, json);
    } catch (IOException e) {
      err.println("bulwark: cannot write the report: " + e.getMessage());
      return Main.USAGE_OR_INPUT_ERROR;
    }
    if (json) {
      // JSON is read by a program: people and CI logs find the errors and summary here.
      for (ReportError error : report.errors()) {
        err.println(PssTableWriter.errorLine(error));
      }
      err.println("bulwark: " + report.summaryLine());
    }
    if (!report.errors().isEmpty()) {
      return Main.USAGE_OR_INPUT_ERROR;
    }
    if (report.results().isEmpty()) {
      err.println(
          "bulwark: warning: no pods or pod templates found in " + String.join(", ", inputs));
    }
    return report.denied() > 0 ? Main.POLICY_FAILURE : Main.OK;
  }

  private void write(PssReport report, boolean json) throws IOException {
    Writer out = spec.commandLine().getOut();
    if (json) {
      PssJsonWriter.write(report, out);
    } else {
      new PssTableWriter(Console.colourOnStandardOutput()).write(report, out);
    }
    out.flush();
  }

  private LevelVersion parsePolicy() {
    try {
      return LevelVersion.parse(policy);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
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
