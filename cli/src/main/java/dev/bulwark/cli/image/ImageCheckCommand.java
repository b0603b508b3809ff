package dev.bulwark.cli.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.cli.Main;
import dev.bulwark.cli.central.CentralClient;
import dev.bulwark.cli.central.CentralException;
import dev.bulwark.cli.central.CentralOptions;
import dev.bulwark.cli.common.DatabaseOption;
import dev.bulwark.cli.common.PolicyOptions;
import dev.bulwark.cli.common.PolicyOrigins;
import dev.bulwark.core.image.ImageData;
import dev.bulwark.core.image.ImageFields;
import dev.bulwark.detect.build.BuildPolicy;
import dev.bulwark.detect.build.CheckedImage;
import dev.bulwark.detect.build.ImageCheckJson;
import dev.bulwark.detect.build.ImageCheckJsonReader;
import dev.bulwark.detect.build.ImageCheckReport;
import dev.bulwark.detect.build.ImageCheckRun;
import dev.bulwark.detect.build.ImageCheckTable;
import dev.bulwark.detect.build.PolicyResult;
import dev.bulwark.detect.report.ReportFormat;
import dev.bulwark.policy.engine.CompiledPolicySet;
import dev.bulwark.policy.engine.PolicyCompiler;
import dev.bulwark.policy.exception.ExceptionReader;
import dev.bulwark.policy.exception.InvalidExceptionException;
import dev.bulwark.policy.exception.PolicyException;
import dev.bulwark.policy.io.InvalidPolicyException;
import dev.bulwark.policy.model.Policy;
import dev.bulwark.scanner.analyzer.Note;
import dev.bulwark.scanner.image.ImageException;
import dev.bulwark.scanner.sbom.SbomReader;
import dev.bulwark.scanner.scan.ImageScan;
import dev.bulwark.scanner.vuln.ImageVulnerabilities;
import dev.bulwark.scanner.vuln.LocalDatabase;
import dev.bulwark.vulndb.store.StoreException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

/**
 * {@code bulwark image check}: the build-stage gate. Scans an image, looks its packages up in the
 * local vulnerability database and evaluates the build policies against it as StackRox's build-time
 * detection does; a violated policy with FAIL_BUILD_ENFORCEMENT fails the build.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Check an image against the build-stage policies (CVEs, components, image age, user, labels,"
          + " Dockerfile lines, registry, ...): the CI gate before an image is pushed or deployed.",
      "",
      "Exit codes: 0 no violated policy fails the build, 1 a violated policy with"
          + " FAIL_BUILD_ENFORCEMENT, 2 usage or input error (bad reference, unreadable image,"
          + " invalid policy or exception file, no vulnerability database while a policy reads"
          + " vulnerabilities).",
      "",
      "With --central URL, central pulls and scans the registry image and checks it with its"
          + " enabled build policies; output and exit codes are the same."
    })
public final class ImageCheckCommand implements Callable<Integer> {
  /** Why policies do not know the vulnerabilities with {@code --skip-db}. */
  private static final String SKIPPED = "vulnerabilities were not checked (--skip-db)";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Why policies do not know the configuration of an image read from an SBOM. */
  private static final String NO_CONFIGURATION = "an SBOM carries no image configuration";

  @Mixin ImageInput input = new ImageInput();

  @Mixin PolicyOptions policyOptions = new PolicyOptions();

  @Option(
      names = "--exceptions",
      paramLabel = "FILE",
      description = "Exception files (PolicyException documents); those naming images apply.")
  List<Path> exceptionFiles = new ArrayList<>();

  @Option(
      names = "--image-name",
      paramLabel = "NAME",
      description =
          "The name policies see (Image Registry, Image Remote, Image Tag, image exclusions),"
              + " such as the name a local image will be pushed as (default: REF for a registry"
              + " reference; a local image has no registry and no repository).")
  @Nullable String imageName;

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

  @Mixin DatabaseOption databaseOption = new DatabaseOption();

  @Option(
      names = "--skip-db",
      description =
          "Do not look vulnerabilities up: policies that need them are reported as not"
              + " evaluated.")
  boolean skipDatabase;

  @Mixin CentralOptions central = new CentralOptions();

  /** The options that choose policies or read the image locally, which central does itself. */
  private static final List<String> OFFLINE_ONLY =
      List.of(
          "--policies",
          "--no-defaults",
          "--framework",
          "--kube-linter-config",
          "--enable",
          "--disable",
          "--exceptions",
          "--image-name",
          "--db",
          "--skip-db",
          "--username",
          "--password-stdin",
          "--insecure",
          "--cache-dir");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    ReportFormat outputFormat = parseFormat();
    if (central.requested(spec.commandLine(), OFFLINE_ONLY)) {
      return checkWithCentral(err, outputFormat);
    }
    if (imageName != null && imageName.isBlank()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--image-name needs a name such as registry.example.com/app:1.0");
    }
    Instant now = Instant.now();
    ImageCheckReport report;
    try {
      List<Policy> policies = buildPolicies();
      List<BuildPolicy> plans = policies.stream().map(BuildPolicy::of).toList();
      CompiledPolicySet compiled = compile(plans, exceptions());
      if (policies.isEmpty()) {
        err.println("bulwark: warning: no enabled policy has the BUILD stage: nothing is checked");
      }
      LocalDatabase local = database(policies);
      ImageScan scan = input.scan(spec.commandLine(), System.in, err);
      ImageVulnerabilities vulnerabilities = local == null ? null : local.match(scan).orElse(null);
      report = check(scan, vulnerabilities, local, plans, compiled, now);
    } catch (InvalidPolicyException
        | InvalidExceptionException
        | MissingDatabaseException
        | ImageException
        | StoreException
        | UncheckedIOException e) {
      err.println("bulwark: " + e.getMessage());
      return Main.USAGE_OR_INPUT_ERROR;
    }
    return finish(report, outputFormat, null);
  }

  /**
   * Has central pull, scan and check the image with its enabled build policies; the answer is
   * written as a local check's report is, and JSON exactly as central sent it.
   */
  private int checkWithCentral(PrintWriter err, ReportFormat outputFormat)
      throws InterruptedException {
    if (SbomReader.sbomFile(input.reference).isPresent() || isLocal(input.reference)) {
      err.println(
          "bulwark: central pulls images from registries only: push "
              + input.reference
              + " and give its registry reference, or check it locally without --central");
      return Main.USAGE_OR_INPUT_ERROR;
    }
    CentralClient client = central.client(spec.commandLine(), System.getenv());
    ObjectNode request = JSON.createObjectNode().put("image", input.reference);
    if (input.platform != null) {
      request.put("platform", input.platform);
    }
    ImageCheckReport report;
    String answer;
    try {
      answer = client.postJson("/v1/detect/build", request.toString());
      report = ImageCheckJsonReader.read(answer);
    } catch (CentralException e) {
      err.println("bulwark: " + e.getMessage());
      return Main.USAGE_OR_INPUT_ERROR;
    } catch (IllegalArgumentException e) {
      err.println(
          "bulwark: central at "
              + client.base()
              + " answered something else than an image check: "
              + e.getMessage());
      return Main.USAGE_OR_INPUT_ERROR;
    }
    return finish(report, outputFormat, answer);
  }

  /** A reference to an image on this machine, which central cannot read. */
  private static boolean isLocal(String reference) {
    String text = reference.strip();
    for (String prefix : List.of("oci:", "oci-archive:", "docker-archive:", "dir:")) {
      if (text.startsWith(prefix)) {
        return true;
      }
    }
    return !text.startsWith("docker://") && Files.exists(Path.of(text));
  }

  /**
   * Writes the report, says on standard error what CI logs need and returns the exit code.
   *
   * @param json the JSON central answered, written as is for {@code -o json}; null offline
   */
  private int finish(ImageCheckReport report, ReportFormat outputFormat, @Nullable String json) {
    PrintWriter err = spec.commandLine().getErr();
    try {
      write(report, outputFormat, json);
    } catch (IOException e) {
      err.println("bulwark: cannot write the report: " + e.getMessage());
      return Main.USAGE_OR_INPUT_ERROR;
    }
    if (output != null || outputFormat != ReportFormat.TABLE) {
      err.println(summaryLine(report));
    }
    return report.buildFails() ? Main.POLICY_FAILURE : Main.OK;
  }

  /**
   * The database to look vulnerabilities up in; null with {@code --skip-db}, or when there is none
   * and no policy reads vulnerabilities.
   *
   * @throws MissingDatabaseException when there is none and a policy reads vulnerabilities: a build
   *     gate must never pass an image whose vulnerabilities it did not check
   */
  private @Nullable LocalDatabase database(List<Policy> policies) {
    if (skipDatabase) {
      return null;
    }
    LocalDatabase local = databaseOption.database();
    if (local.exists()) {
      return local;
    }
    List<Policy> reading = policies.stream().filter(BuildPolicy::readsVulnerabilities).toList();
    if (!reading.isEmpty()) {
      throw new MissingDatabaseException(local, reading);
    }
    return null;
  }

  /** The enabled policies with the BUILD stage among those the options load. */
  private List<Policy> buildPolicies() {
    return policyOptions.load().stream().filter(BuildPolicy::appliesAtBuild).toList();
  }

  private List<PolicyException> exceptions() {
    List<PolicyException> exceptions = new ArrayList<>();
    for (Path file : exceptionFiles) {
      exceptions.addAll(ExceptionReader.read(file));
    }
    return exceptions;
  }

  /**
   * Compiles the criteria of the policies before any image is read, so that an invalid policy costs
   * no scan. Rules and checks take no part at build time; {@code bulwark check} compiles them.
   */
  private CompiledPolicySet compile(List<BuildPolicy> plans, List<PolicyException> exceptions) {
    List<Policy> criteria = new ArrayList<>();
    for (BuildPolicy plan : plans) {
      Policy view = plan.criteria();
      if (view != null) {
        criteria.add(view);
      }
    }
    try {
      return PolicyCompiler.compile(criteria, exceptions);
    } catch (InvalidPolicyException e) {
      throw PolicyOrigins.withFiles(e, policyOptions.paths());
    }
  }

  private ImageCheckReport check(
      ImageScan scan,
      @Nullable ImageVulnerabilities vulnerabilities,
      @Nullable LocalDatabase local,
      List<BuildPolicy> plans,
      CompiledPolicySet compiled,
      Instant now) {
    ImageData data;
    if (vulnerabilities != null) {
      data = vulnerabilities.imageData(scan);
    } else if (skipDatabase) {
      data = scan.toImageData().withUnknown(ImageFields.VULNERABILITY, SKIPPED);
    } else {
      data = scan.toImageData();
    }
    if (SbomReader.sbomFile(input.reference).isPresent()) {
      data = data.withUnknown(ImageFields.CONFIGURATION, NO_CONFIGURATION);
    }
    CheckedImage image = CheckedImage.of(input.reference, imageName, scan.digest());
    List<PolicyResult> results = ImageCheckRun.evaluate(plans, compiled, image, data, now);
    List<Note> notes = new ArrayList<>(scan.notes());
    if (vulnerabilities != null) {
      notes.addAll(vulnerabilities.notes());
    }
    return new ImageCheckReport(
        Main.version(), image, data.os(), local == null ? null : local.directory(), results, notes);
  }

  private void write(ImageCheckReport report, ReportFormat outputFormat, @Nullable String json)
      throws IOException {
    if (output == null) {
      Writer out = spec.commandLine().getOut();
      write(report, outputFormat, json, out);
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
      write(report, outputFormat, json, out);
    }
  }

  private static void write(
      ImageCheckReport report, ReportFormat outputFormat, @Nullable String json, Writer out)
      throws IOException {
    if (outputFormat == ReportFormat.JSON && json != null) {
      out.write(json);
      return;
    }
    // Table and JSON say what only an image check has (the image, whether the build fails);
    // SARIF and JUnit are the check's writers, which CI systems already read.
    switch (outputFormat) {
      case TABLE -> ImageCheckTable.write(report, out);
      case JSON -> ImageCheckJson.write(report, out);
      case SARIF, JUNIT -> outputFormat.writer(false).write(report.asCheckReport(), out);
    }
  }

  private static String summaryLine(ImageCheckReport report) {
    int policies = report.policies().size();
    return "bulwark: %s: %d build %s, %d violated (%d failing the build), %d not evaluated"
        .formatted(
            report.image().reference(),
            policies,
            policies == 1 ? "policy" : "policies",
            report.count(PolicyResult.Status.VIOLATED),
            report.failing(),
            report.count(PolicyResult.Status.NOT_EVALUATED));
  }

  private ReportFormat parseFormat() {
    return switch (format.toLowerCase(Locale.ROOT)) {
      case "table" -> ReportFormat.TABLE;
      case "json" -> ReportFormat.JSON;
      case "sarif" -> ReportFormat.SARIF;
      case "junit" -> ReportFormat.JUNIT;
      default ->
          throw new CommandLine.ParameterException(
              spec.commandLine(),
              "unknown output format \"" + format + "\": use table, json, sarif or junit");
    };
  }

  /** No vulnerability database, while a build policy reads vulnerabilities. */
  private static final class MissingDatabaseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MissingDatabaseException(LocalDatabase local, List<Policy> reading) {
      super(message(local, reading));
    }

    private static String message(LocalDatabase local, List<Policy> reading) {
      List<String> names =
          reading.stream().limit(3).map(policy -> '"' + policy.name() + '"').toList();
      return "no vulnerability database in "
          + local.directory()
          + ", but "
          + (reading.size() == 1 ? "a build policy reads" : reading.size() + " build policies read")
          + " vulnerabilities ("
          + String.join(", ", names)
          + (reading.size() > names.size() ? ", ..." : "")
          + "): run `bulwark db import PATH` or `bulwark db update` first, or give --skip-db to"
          + " report those policies as not evaluated";
    }
  }
}
