package dev.bulwark.cli.check;

import dev.bulwark.cli.Main;
import dev.bulwark.cli.central.CentralClient;
import dev.bulwark.cli.central.CentralException;
import dev.bulwark.cli.central.CentralOptions;
import dev.bulwark.cli.common.Console;
import dev.bulwark.cli.common.PolicyOptions;
import dev.bulwark.cli.common.PolicyOrigins;
import dev.bulwark.core.image.ImageDataProvider;
import dev.bulwark.core.manifest.ManifestReader;
import dev.bulwark.core.manifest.ManifestSource;
import dev.bulwark.core.manifest.ReadLimits;
import dev.bulwark.detect.deploy.Blocking;
import dev.bulwark.detect.deploy.CheckRun;
import dev.bulwark.detect.deploy.PodSecurityAdmission;
import dev.bulwark.detect.deploy.ReferencedImages;
import dev.bulwark.detect.report.JsonReportReader;
import dev.bulwark.detect.report.Report;
import dev.bulwark.detect.report.ReportError;
import dev.bulwark.detect.report.ReportFormat;
import dev.bulwark.detect.report.ReportNote;
import dev.bulwark.detect.report.Summary;
import dev.bulwark.policy.engine.CompiledPolicySet;
import dev.bulwark.policy.engine.PolicyCompiler;
import dev.bulwark.policy.exception.ExceptionReader;
import dev.bulwark.policy.exception.InvalidExceptionException;
import dev.bulwark.policy.exception.PolicyException;
import dev.bulwark.policy.io.InvalidPolicyException;
import dev.bulwark.policy.model.Policy;
import dev.bulwark.policy.model.Severity;
import dev.bulwark.render.InputResolver;
import dev.bulwark.render.ResolvedInputs;
import dev.bulwark.render.helm.HelmOptions;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bulwark check}: the CI gate for manifests, Helm charts and Kustomize directories. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Check Kubernetes manifests, Helm charts and Kustomize directories against policies.",
      "",
      "Exit codes: 0 nothing blocking, 1 a blocking finding, 2 usage or input error (with"
          + " --scan-images also when no referenced image could be scanned)."
    })
public final class CheckCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "PATH",
      arity = "1..*",
      description =
          "Files, directories (recursive .yaml/.yml/.json), Helm chart or Kustomize directories,"
              + " or - for standard input.")
  List<String> inputs = new ArrayList<>();

  @Mixin PolicyOptions policyOptions = new PolicyOptions();

  @Mixin ImageScanOptions imageScan = new ImageScanOptions();

  @Mixin CentralOptions central = new CentralOptions();

  @Option(
      names = "--exceptions",
      paramLabel = "FILE",
      description = "Exception files (PolicyException documents). Repeatable.")
  List<Path> exceptionFiles = new ArrayList<>();

  @Option(
      names = {"-o", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "Output format: table, json, sarif or junit (default: ${DEFAULT-VALUE}).")
  String format = "table";

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Write the report to FILE instead of standard output.")
  @Nullable Path output;

  @Option(
      names = "--fail-on",
      paramLabel = "SEVERITY",
      description =
          "Also fail (exit 1) on violations of this severity or higher: low, medium, high,"
              + " critical.")
  @Nullable String failOn;

  @Option(
      names = {"-f", "--values"},
      paramLabel = "FILE",
      description = "Helm values file applied to every chart. Repeatable.")
  List<Path> valuesFiles = new ArrayList<>();

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Helm value override applied to every chart. Repeatable.")
  List<String> setValues = new ArrayList<>();

  @Option(
      names = "--cluster",
      paramLabel = "NAME",
      defaultValue = "",
      description = "Cluster name that policy scopes and exceptions are matched against.")
  String cluster = "";

  /** The options that choose or judge policies locally, which central does itself. */
  private static final List<String> OFFLINE_ONLY =
      List.of(
          "--policies",
          "--no-defaults",
          "--framework",
          "--kube-linter-config",
          "--enable",
          "--disable",
          "--exceptions",
          "--fail-on",
          "--cluster",
          "--scan-images",
          "--db",
          "--platform",
          "--insecure-registry",
          "--scan-parallelism",
          "--cache-dir",
          "--scan-results");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    ReportFormat reportFormat = parseFormat(format);
    Severity failOnSeverity = failOn == null ? null : parseSeverity(failOn);
    HelmOptions helmOptions = helmOptions();
    if (central.requested(spec.commandLine(), OFFLINE_ONLY)) {
      return checkWithCentral(err, reportFormat, helmOptions);
    }
    boolean scanImages = imageScan.requested(spec.commandLine());

    CompiledPolicySet policies;
    try {
      List<Policy> policyList = policyOptions.load(PodSecurityAdmission.POLICY_IDS);
      List<PolicyException> exceptions = new ArrayList<>();
      for (Path file : exceptionFiles) {
        exceptions.addAll(ExceptionReader.read(file));
      }
      policies = compile(policyList, exceptions);
    } catch (InvalidPolicyException | InvalidExceptionException e) {
      err.println("bulwark: " + e.getMessage());
      return Main.USAGE_OR_INPUT_ERROR;
    }

    ManifestReader reader = new ManifestReader(ReadLimits.DEFAULT);
    ResolvedInputs resolved =
        InputResolver.forProcess(Path.of(""), ReadLimits.DEFAULT, helmOptions).resolve(inputs);
    ScannedImages scanned =
        !scanImages
            ? null
            : ScannedImages.scan(
                ReferencedImages.of(reader, resolved.sources()),
                imageScan,
                spec.commandLine(),
                Clock.systemUTC(),
                Console.interactive() ? err : null);
    CheckRun run =
        new CheckRun(
            policies,
            reader,
            new Blocking(failOnSeverity),
            scanned == null ? ImageDataProvider.NONE : scanned.provider(),
            cluster,
            Instant.now(),
            policyOptions.selectedAmong(PodSecurityAdmission.POLICY_IDS, "pss"));
    Report report =
        run.run(
            Main.version(),
            resolved.sources(),
            resolved.errors(),
            scanned == null ? List.of() : scanned.notes());
    return finish(report, reportFormat, scanned);
  }

  /**
   * Renders the inputs locally, as a local check does, and has central check them: each source is
   * one file of the request, named as local reports name it.
   */
  private int checkWithCentral(PrintWriter err, ReportFormat reportFormat, HelmOptions helmOptions)
      throws InterruptedException {
    CentralClient client = central.client(spec.commandLine(), System.getenv());
    ResolvedInputs resolved =
        InputResolver.forProcess(Path.of(""), ReadLimits.DEFAULT, helmOptions).resolve(inputs);
    if (!resolved.errors().isEmpty()) {
      resolved
          .errors()
          .forEach(error ->
              err.println(shownLine(error.file(), error.line(), error.column(), error.message())));
      return Main.USAGE_OR_INPUT_ERROR;
    }
    Report report;
    try {
      List<CentralClient.Part> parts = new ArrayList<>();
      for (ManifestSource source : resolved.sources()) {
        parts.add(part(source));
      }
      report =
          parts.isEmpty()
              ? new Report(
                  Main.version(),
                  List.of(),
                  List.of(),
                  Summary.of(List.of(), List.of()),
                  List.of(),
                  List.of(),
                  List.of())
              : JsonReportReader.read(client.postFiles("/v1/detect/deploy", parts));
    } catch (CentralException e) {
      err.println("bulwark: " + e.getMessage());
      return Main.USAGE_OR_INPUT_ERROR;
    } catch (IOException e) {
      err.println("bulwark: cannot read an input: " + e.getMessage());
      return Main.USAGE_OR_INPUT_ERROR;
    } catch (IllegalArgumentException e) {
      err.println(
          "bulwark: central at "
              + client.base()
              + " answered something else than a report: "
              + e.getMessage());
      return Main.USAGE_OR_INPUT_ERROR;
    }
    return finish(report, reportFormat, null);
  }

  private static CentralClient.Part part(ManifestSource source) throws IOException {
    return switch (source) {
      case ManifestSource.FileSource file ->
          new CentralClient.Part(file.displayName(), Files.readAllBytes(file.path()));
      case ManifestSource.TextSource text ->
          new CentralClient.Part(text.displayName(), text.text().getBytes(StandardCharsets.UTF_8));
    };
  }

  /** Writes the report and says on standard error what CI logs need; returns the exit code. */
  private int finish(Report report, ReportFormat reportFormat, @Nullable ScannedImages scanned) {
    PrintWriter err = spec.commandLine().getErr();
    try {
      write(report, reportFormat);
    } catch (IOException e) {
      err.println("bulwark: cannot write the report: " + e.getMessage());
      return Main.USAGE_OR_INPUT_ERROR;
    }
    // A table on standard output already ends with the errors and the summary; every other report
    // is read by a program, so people and CI logs find the errors and the summary here.
    boolean tableOnStandardOutput = output == null && reportFormat == ReportFormat.TABLE;
    if (!tableOnStandardOutput) {
      for (ReportError error : report.errors()) {
        err.println(errorLine(error));
      }
      if (scanned != null) {
        scanned.notes().forEach(note -> err.println(warningLine(note)));
      }
      err.println(summaryLine(report));
    }
    if (scanned != null) {
      err.println("bulwark: " + scanned.summary());
    }
    if (report.summary().errors() > 0) {
      return Main.USAGE_OR_INPUT_ERROR;
    }
    if (scanned != null && scanned.nothingScanned()) {
      err.println(
          "bulwark: no referenced image could be scanned: check the registry addresses, the"
              + " network and the credentials in ~/.docker/config.json");
      return Main.USAGE_OR_INPUT_ERROR;
    }
    if (report.summary().objects() == 0) {
      // Not an error (an empty directory is valid), but a CI gate that checked nothing should say
      // so rather than pass quietly.
      err.println("bulwark: warning: no Kubernetes objects found in " + String.join(", ", inputs));
    }
    return report.summary().blocking() > 0 ? Main.POLICY_FAILURE : Main.OK;
  }

  private CompiledPolicySet compile(List<Policy> policyList, List<PolicyException> exceptions) {
    try {
      return PolicyCompiler.compile(policyList, exceptions);
    } catch (InvalidPolicyException e) {
      throw PolicyOrigins.withFiles(e, policyOptions.paths());
    }
  }

  private void write(Report report, ReportFormat reportFormat) throws IOException {
    if (output == null) {
      Writer out = spec.commandLine().getOut();
      boolean colour = reportFormat == ReportFormat.TABLE && Console.colourOnStandardOutput();
      reportFormat.writer(colour).write(report, out);
      out.flush();
      return;
    }
    Path parent = output.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (Writer out =
        new BufferedWriter(
            new OutputStreamWriter(Files.newOutputStream(output), StandardCharsets.UTF_8))) {
      reportFormat.writer(false).write(report, out);
    }
  }

  private static String errorLine(ReportError error) {
    return shownLine(error.file(), error.line(), error.column(), error.message());
  }

  private static String warningLine(ReportNote note) {
    return shownLine(note.file(), note.line(), 0, "warning: " + note.message());
  }

  /**
   * {@code file:line:column: message} like a compiler, without the parts that are unknown, and with
   * control characters escaped so that input cannot drive the terminal.
   */
  private static String shownLine(String file, int lineNumber, int column, String message) {
    StringBuilder line = new StringBuilder(file);
    if (lineNumber > 0) {
      line.append(':').append(lineNumber);
      if (column > 0) {
        line.append(':').append(column);
      }
    }
    if (!line.isEmpty()) {
      line.append(": ");
    }
    line.append(message);
    StringBuilder shown = new StringBuilder(line.length());
    line.codePoints()
        .forEach(codePoint -> {
          if (Character.isISOControl(codePoint)) {
            shown.append(String.format(Locale.ROOT, "\\u%04X", codePoint));
          } else {
            shown.appendCodePoint(codePoint);
          }
        });
    return shown.toString();
  }

  private static String summaryLine(Report report) {
    var summary = report.summary();
    return "bulwark: %s, %s (%d blocking, %d waived), %d not evaluated, %s"
        .formatted(
            count(summary.objects(), "object"),
            count(summary.violations(), "violation"),
            summary.blocking(),
            summary.waived(),
            summary.notEvaluated(),
            count(summary.errors(), "error"));
  }

  private static String count(int count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }

  private HelmOptions helmOptions() {
    try {
      return HelmOptions.of(valuesFiles, setValues);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  private ReportFormat parseFormat(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "table" -> ReportFormat.TABLE;
      case "json" -> ReportFormat.JSON;
      case "sarif" -> ReportFormat.SARIF;
      case "junit" -> ReportFormat.JUNIT;
      default ->
          throw new CommandLine.ParameterException(
              spec.commandLine(),
              "unknown output format \"" + text + "\": use table, json, sarif or junit");
    };
  }

  private Severity parseSeverity(String text) {
    try {
      return Severity.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "unknown severity \"" + text + "\" for --fail-on: use low, medium, high or critical",
          e);
    }
  }
}
