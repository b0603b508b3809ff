package dev.bulwark.cli.image;

import dev.bulwark.cli.Main;
import dev.bulwark.cli.common.DatabaseOption;
import dev.bulwark.scanner.image.ImageException;
import dev.bulwark.scanner.scan.ImageScan;
import dev.bulwark.scanner.vuln.ImageFinding;
import dev.bulwark.scanner.vuln.ImageVulnerabilities;
import dev.bulwark.scanner.vuln.LocalDatabase;
import dev.bulwark.vulndb.match.MatchSeverity;
import dev.bulwark.vulndb.store.StoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bulwark image scan}: the operating system, packages and vulnerabilities of an image. */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description = {
      "List the operating system and the packages installed in an image, layer by layer, and the"
          + " vulnerabilities the local database (bulwark db) knows for them. REF may also be an"
          + " SBOM (CycloneDX or SPDX 2) of the image: its packages are checked instead.",
      "",
      "Exit codes: 0 scanned, 1 a shown vulnerability at or above --fail-on, 2 usage or input"
          + " error (bad reference, unreadable image, --fail-on without a database)."
    })
public final class ImageScanCommand implements Callable<Integer> {
  private static final String SEVERITIES = "UNKNOWN, NONE, LOW, MEDIUM, HIGH, CRITICAL";

  @Mixin ImageInput input = new ImageInput();

  @Option(
      names = {"-o", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "table",
      description =
          "Output format: table, json, sarif (SARIF 2.1.0), cyclonedx (CycloneDX 1.6 JSON with"
              + " vulnerabilities) or spdx (SPDX 2.3 JSON); default: ${DEFAULT-VALUE}.")
  String format = "table";

  @Mixin DatabaseOption databaseOption = new DatabaseOption();

  @Option(
      names = "--severity",
      paramLabel = "LIST",
      description =
          "Show only vulnerabilities of these severities, comma separated (" + SEVERITIES + ").")
  @Nullable String severity;

  @Option(
      names = "--fail-on",
      paramLabel = "SEVERITY",
      description = "Exit with 1 when a shown vulnerability is at or above this severity.")
  @Nullable String failOn;

  @Option(names = "--skip-db", description = "Do not look vulnerabilities up.")
  boolean skipDatabase;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Format chosen = parseFormat();
    Set<MatchSeverity> shown = severityFilter();
    @Nullable MatchSeverity threshold = failOn == null ? null : severityOption("--fail-on", failOn);
    if (skipDatabase && threshold != null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--fail-on needs the vulnerability database: drop --skip-db or --fail-on");
    }
    PrintWriter err = spec.commandLine().getErr();
    ImageScan scan;
    VulnerabilityReport vulnerabilities;
    try {
      scan = input.scan(spec.commandLine(), System.in, err);
      vulnerabilities = skipDatabase ? VulnerabilityReport.notChecked() : check(scan, shown, err);
    } catch (ImageException | StoreException | UncheckedIOException e) {
      err.println("bulwark: " + e.getMessage());
      return Main.USAGE_OR_INPUT_ERROR;
    }
    try {
      Writer out = spec.commandLine().getOut();
      switch (chosen) {
        case TABLE -> ImageScanTable.write(scan, vulnerabilities, out);
        case JSON -> ImageScanJson.write(scan, vulnerabilities, out);
        case SARIF -> ImageScanSarif.write(scan, vulnerabilities, Main.version(), out);
        case CYCLONEDX -> CycloneDxWriter.write(scan, vulnerabilities, Main.version(), out);
        case SPDX -> SpdxWriter.write(scan, vulnerabilities, Main.version(), out);
      }
      out.flush();
    } catch (IOException e) {
      err.println("bulwark: cannot write the result: " + e.getMessage());
      return Main.USAGE_OR_INPUT_ERROR;
    }
    return exitCode(vulnerabilities, threshold, err);
  }

  private VulnerabilityReport check(ImageScan scan, Set<MatchSeverity> shown, PrintWriter err)
      throws StoreException {
    LocalDatabase local = databaseOption.database();
    Optional<ImageVulnerabilities> matched = local.match(scan);
    if (matched.isEmpty()) {
      // Never a silent pass: the output must not look like a clean image when nothing was checked.
      err.println(
          "bulwark: warning: no vulnerability database in "
              + local.directory()
              + ", vulnerabilities were NOT checked: run `bulwark db import` or `bulwark db"
              + " update` first (or --skip-db to skip the check)");
      return VulnerabilityReport.notChecked();
    }
    ImageVulnerabilities found = matched.get();
    List<ImageFinding> filtered =
        found.findings().stream()
            .filter(finding -> shown.contains(finding.match().severity()))
            .toList();
    return new VulnerabilityReport(local.directory(), filtered, found.notes());
  }

  private static int exitCode(
      VulnerabilityReport vulnerabilities, @Nullable MatchSeverity threshold, PrintWriter err) {
    if (threshold == null) {
      return Main.OK;
    }
    if (vulnerabilities.database() == null) {
      err.println(
          "bulwark: --fail-on "
              + threshold
              + " cannot be decided without a vulnerability database: exiting with 2");
      return Main.USAGE_OR_INPUT_ERROR;
    }
    int failing = 0;
    for (ImageFinding finding : vulnerabilities.shown()) {
      if (finding.match().severity().compareTo(threshold) >= 0) {
        failing++;
      }
    }
    if (failing == 0) {
      return Main.OK;
    }
    err.println(
        "bulwark: "
            + failing
            + (failing == 1 ? " vulnerability is" : " vulnerabilities are")
            + " at or above "
            + threshold);
    return Main.POLICY_FAILURE;
  }

  private Set<MatchSeverity> severityFilter() {
    if (severity == null) {
      return EnumSet.allOf(MatchSeverity.class);
    }
    List<MatchSeverity> listed = new ArrayList<>();
    for (String name : Arrays.asList(severity.split(",", -1))) {
      listed.add(severityOption("--severity", name));
    }
    return EnumSet.copyOf(listed);
  }

  private MatchSeverity severityOption(String option, String value) {
    try {
      return MatchSeverity.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          option + ": unknown severity \"" + value.strip() + "\": use " + SEVERITIES);
    }
  }

  /** The output formats; every one exits the same way for the same scan. */
  private enum Format {
    TABLE,
    JSON,
    SARIF,
    CYCLONEDX,
    SPDX
  }

  private Format parseFormat() {
    try {
      return Format.valueOf(format.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "unknown output format \"" + format + "\": use table, json, sarif, cyclonedx or spdx");
    }
  }
}
