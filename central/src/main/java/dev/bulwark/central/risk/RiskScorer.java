package dev.bulwark.central.risk;

import dev.bulwark.core.context.ExposedPort;
import dev.bulwark.core.image.ImageComponent;
import dev.bulwark.core.image.ImageData;
import dev.bulwark.core.image.ImageVulnerability;
import dev.bulwark.core.image.VulnerabilitySeverity;
import dev.bulwark.core.workload.Container;
import dev.bulwark.core.workload.EnvVar;
import dev.bulwark.core.workload.Volume;
import dev.bulwark.core.workload.VolumeMount;
import dev.bulwark.core.workload.Workload;
import dev.bulwark.policy.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Computes a deployment's risk as the product of multipliers, each at least 1 and capped (the
 * model, its numbers and how it differs from StackRox's are in docs/risk.md). Factors that add
 * nothing are left out. Image factors come from scanned images only; the deployment takes the worst
 * image per factor. Stateless and thread-safe.
 */
public final class RiskScorer {
  static final String VIOLATIONS = "Policy violations";
  static final String VULNERABILITIES = "Image vulnerabilities";
  static final String CONFIGURATION = "Service configuration";
  static final String REACHABILITY = "Reachability";
  static final String ATTACK_TOOLS = "Tools useful to attackers";
  static final String COMPONENTS = "Number of components";
  static final String AGE = "Image age";

  static final double VIOLATIONS_SATURATION = 50;
  static final double VIOLATIONS_MAX = 4;
  static final double VULNERABILITIES_SATURATION = 100;
  static final double VULNERABILITIES_MAX = 4;
  static final double CONFIGURATION_SATURATION = 8;
  static final double CONFIGURATION_MAX = 2;
  static final double REACHABILITY_SATURATION = 10;
  static final double REACHABILITY_MAX = 2;
  static final double ATTACK_TOOLS_SATURATION = 10;
  static final double IMAGE_CONTENT_MAX = 1.5;
  static final int COMPONENTS_FREE = 50;
  static final int COMPONENTS_SATURATION = 550;
  static final int AGE_FREE_DAYS = 90;
  static final int AGE_SATURATION_DAYS = 270;

  /** Capabilities that give a container most of the host; adding one is a configuration risk. */
  static final Set<String> DANGEROUS_CAPABILITIES =
      Set.of("ALL", "SYS_ADMIN", "NET_ADMIN", "SYS_MODULE");

  /**
   * Package names of shells, package managers, downloaders and network tools: what an attacker
   * inside a container uses first.
   */
  static final Set<String> ATTACK_TOOL_PACKAGES =
      Set.of(
          "apk-tools",
          "apt",
          "bash",
          "busybox",
          "curl",
          "dash",
          "dnf",
          "microdnf",
          "nc",
          "ncat",
          "netcat",
          "netcat-openbsd",
          "netcat-traditional",
          "nmap",
          "rpm",
          "socat",
          "tcsh",
          "telnet",
          "wget",
          "yum",
          "zsh");

  private RiskScorer() {}

  /** The risk of the deployment {@code input} describes. */
  public static Risk score(RiskInput input) {
    List<RiskFactor> factors = new ArrayList<>();
    violations(input.activeAlertSeverities()).ifPresent(factors::add);
    List<DeploymentImage> scanned =
        input.images().stream().filter(DeploymentImage::scanned).toList();
    vulnerabilities(scanned).ifPresent(factors::add);
    configuration(input.workload()).ifPresent(factors::add);
    reachability(input.context().exposedPorts()).ifPresent(factors::add);
    attackTools(scanned).ifPresent(factors::add);
    components(scanned).ifPresent(factors::add);
    age(input).ifPresent(factors::add);
    double score = 1;
    for (RiskFactor factor : factors) {
      score *= factor.multiplier();
    }
    List<String> unscanned =
        input.images().stream()
            .filter(image -> !image.scanned())
            .map(DeploymentImage::name)
            .distinct()
            .toList();
    return new Risk(score, factors, unscanned);
  }

  /** 1 at 0, rising linearly to {@code max} at {@code saturation}, and {@code max} beyond it. */
  static double normalize(double value, double saturation, double max) {
    if (value >= saturation) {
      return max;
    }
    return 1 + value / saturation * (max - 1);
  }

  private static Optional<RiskFactor> violations(List<Severity> severities) {
    if (severities.isEmpty()) {
      return Optional.empty();
    }
    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    int sum = 0;
    for (Severity severity : severities) {
      counts.merge(severity, 1, Integer::sum);
      int weight = severity.ordinal() + 1;
      sum += weight * weight;
    }
    List<String> parts = new ArrayList<>();
    for (Severity severity : Severity.values()) {
      Integer count = counts.get(severity);
      if (count != null) {
        parts.addFirst(count + " " + severity.name().toLowerCase(Locale.ROOT));
      }
    }
    return Optional.of(
        new RiskFactor(
            VIOLATIONS,
            normalize(sum, VIOLATIONS_SATURATION, VIOLATIONS_MAX),
            List.of(
                plural(severities.size(), "active alert")
                    + " ("
                    + String.join(", ", parts)
                    + "); squared severities add up to "
                    + sum
                    + ", the factor is highest from "
                    + (int) VIOLATIONS_SATURATION)));
  }

  private static Optional<RiskFactor> vulnerabilities(List<DeploymentImage> images) {
    double worst = 1;
    List<String> facts = new ArrayList<>();
    for (DeploymentImage image : images) {
      Map<String, VulnerabilitySeverity> bySeverity = new HashMap<>();
      for (ImageVulnerability vulnerability : data(image).vulnerabilities()) {
        // One CVE found in several packages of the image counts once, at its highest severity.
        bySeverity.merge(
            vulnerability.cve(), severity(vulnerability), (a, b) -> a.compareTo(b) >= 0 ? a : b);
      }
      Map<VulnerabilitySeverity, Integer> counts = new EnumMap<>(VulnerabilitySeverity.class);
      double sum = 0;
      for (VulnerabilitySeverity severity : bySeverity.values()) {
        counts.merge(severity, 1, Integer::sum);
        sum += weight(severity);
      }
      if (sum == 0) {
        continue;
      }
      worst = Math.max(worst, normalize(sum, VULNERABILITIES_SATURATION, VULNERABILITIES_MAX));
      List<String> parts = new ArrayList<>();
      for (VulnerabilitySeverity severity : VulnerabilitySeverity.values()) {
        Integer count = counts.get(severity);
        if (count != null) {
          parts.addFirst(count + " " + severity.name().toLowerCase(Locale.ROOT));
        }
      }
      facts.add(
          image.name()
              + ": "
              + plural(bySeverity.size(), "vulnerability", "vulnerabilities")
              + " ("
              + String.join(", ", parts)
              + "), weighing "
              + decimal(sum));
    }
    return facts.isEmpty()
        ? Optional.empty()
        : Optional.of(new RiskFactor(VULNERABILITIES, worst, facts));
  }

  /**
   * The vulnerability's severity; when its source gives none, the band of its CVSS score (the data
   * source's, else NVD's), so that a scored vulnerability is not weighed as nothing.
   */
  static VulnerabilitySeverity severity(ImageVulnerability vulnerability) {
    if (vulnerability.severity() != VulnerabilitySeverity.UNKNOWN) {
      return vulnerability.severity();
    }
    double cvss = vulnerability.cvss() > 0 ? vulnerability.cvss() : vulnerability.nvdCvss();
    if (cvss >= 9) {
      return VulnerabilitySeverity.CRITICAL;
    }
    if (cvss >= 7) {
      return VulnerabilitySeverity.IMPORTANT;
    }
    if (cvss >= 4) {
      return VulnerabilitySeverity.MODERATE;
    }
    return cvss > 0 ? VulnerabilitySeverity.LOW : VulnerabilitySeverity.UNKNOWN;
  }

  /** What a vulnerability of {@code severity} weighs; one of unknown severity weighs nothing. */
  static double weight(VulnerabilitySeverity severity) {
    return switch (severity) {
      case CRITICAL -> 9.5;
      case IMPORTANT -> 8.0;
      case MODERATE -> 5.5;
      case LOW -> 2.0;
      case UNKNOWN -> 0;
    };
  }

  private static Optional<RiskFactor> configuration(Workload workload) {
    List<String> facts = new ArrayList<>();
    int points = 0;
    Set<String> writable = new TreeSet<>();
    Set<String> secrets = new TreeSet<>();
    Set<String> dangerous = new TreeSet<>();
    Set<String> dropNothing = new TreeSet<>();
    Set<String> privileged = new TreeSet<>();
    for (Container container : workload.containers()) {
      for (VolumeMount mount : container.volumeMounts()) {
        if (!mount.readOnly()) {
          writable.add(mount.name() + " at " + mount.mountPath() + " in " + container.name());
        }
        Volume volume = mount.volume();
        if (volume != null && volume.type().equals("secret")) {
          secrets.add("volume " + volume.name() + " in " + container.name());
        }
      }
      for (EnvVar variable : container.env()) {
        if (variable.source() == EnvVar.Source.SECRET_KEY) {
          secrets.add("variable " + variable.name() + " in " + container.name());
        }
      }
      for (String capability : container.securityContext().addCapabilities()) {
        String name = capability.toUpperCase(Locale.ROOT).replaceFirst("^CAP_", "");
        if (DANGEROUS_CAPABILITIES.contains(name)) {
          dangerous.add(name + " in " + container.name());
        }
      }
      if (container.securityContext().dropCapabilities().isEmpty()) {
        dropNothing.add(container.name());
      }
      if (Boolean.TRUE.equals(container.securityContext().privileged())) {
        privileged.add(container.name());
      }
    }
    points += point(facts, writable, "writable volume mounts: ");
    points += point(facts, secrets, "uses secrets: ");
    points += point(facts, dangerous, "adds capabilities: ");
    points += point(facts, dropNothing, "drops no capabilities: ");
    for (String namespace : hostNamespaces(workload)) {
      points++;
      facts.add("shares the host's " + namespace + " namespace");
    }
    double value = points;
    if (!privileged.isEmpty()) {
      value *= 2;
      facts.add("privileged containers (doubles the points): " + String.join(", ", privileged));
    }
    if (value == 0) {
      return Optional.empty();
    }
    facts.add(
        "configuration points: "
            + decimal(value)
            + ", the factor is highest from "
            + (int) CONFIGURATION_SATURATION);
    return Optional.of(
        new RiskFactor(
            CONFIGURATION, normalize(value, CONFIGURATION_SATURATION, CONFIGURATION_MAX), facts));
  }

  private static int point(List<String> facts, Set<String> found, String label) {
    if (found.isEmpty()) {
      return 0;
    }
    facts.add(label + String.join(", ", found));
    return 1;
  }

  private static List<String> hostNamespaces(Workload workload) {
    List<String> shared = new ArrayList<>();
    if (workload.hostNetwork()) {
      shared.add("network");
    }
    if (workload.hostPid()) {
      shared.add("process");
    }
    if (workload.hostIpc()) {
      shared.add("IPC");
    }
    return shared;
  }

  private static Optional<RiskFactor> reachability(List<ExposedPort> ports) {
    int sum = 0;
    List<String> facts = new ArrayList<>();
    for (ExposedPort port : ports) {
      int weight =
          switch (port.exposure()) {
            case EXTERNAL, ROUTE -> 3;
            case NODE, HOST -> 2;
            case INTERNAL -> 1;
            case UNSET -> 0;
          };
      if (weight == 0) {
        continue;
      }
      sum += weight;
      facts.add(
          "port "
              + port.containerPort()
              + "/"
              + port.protocol()
              + " reachable "
              + reach(port)
              + (port.via() == null ? "" : " via " + port.via()));
    }
    if (sum == 0) {
      return Optional.empty();
    }
    facts.add(
        "reachability points: "
            + sum
            + ", the factor is highest from "
            + (int) REACHABILITY_SATURATION);
    return Optional.of(
        new RiskFactor(
            REACHABILITY, normalize(sum, REACHABILITY_SATURATION, REACHABILITY_MAX), facts));
  }

  private static String reach(ExposedPort port) {
    return switch (port.exposure()) {
      case EXTERNAL -> "from outside the cluster (load balancer or external IP)";
      case ROUTE -> "from outside the cluster (ingress or route)";
      case NODE -> "on every node (node port " + port.nodePort() + ")";
      case HOST -> "on its node's address (host port)";
      case INTERNAL, UNSET -> "inside the cluster";
    };
  }

  private static Optional<RiskFactor> attackTools(List<DeploymentImage> images) {
    double worst = 1;
    List<String> facts = new ArrayList<>();
    for (DeploymentImage image : images) {
      Set<String> tools = new TreeSet<>();
      for (ImageComponent component : data(image).components()) {
        if (ATTACK_TOOL_PACKAGES.contains(component.name().toLowerCase(Locale.ROOT))) {
          tools.add(component.name());
        }
      }
      if (tools.isEmpty()) {
        continue;
      }
      worst = Math.max(worst, normalize(tools.size(), ATTACK_TOOLS_SATURATION, IMAGE_CONTENT_MAX));
      facts.add(image.name() + ": " + String.join(", ", tools));
    }
    return facts.isEmpty()
        ? Optional.empty()
        : Optional.of(new RiskFactor(ATTACK_TOOLS, worst, facts));
  }

  private static Optional<RiskFactor> components(List<DeploymentImage> images) {
    double worst = 1;
    List<String> facts = new ArrayList<>();
    for (DeploymentImage image : images) {
      int count = data(image).components().size();
      if (count <= COMPONENTS_FREE) {
        continue;
      }
      worst =
          Math.max(
              worst,
              normalize(
                  count - COMPONENTS_FREE,
                  COMPONENTS_SATURATION - COMPONENTS_FREE,
                  IMAGE_CONTENT_MAX));
      facts.add(
          image.name()
              + ": "
              + count
              + " components (more than "
              + COMPONENTS_FREE
              + " add risk; the factor is highest from "
              + COMPONENTS_SATURATION
              + ")");
    }
    return facts.isEmpty()
        ? Optional.empty()
        : Optional.of(new RiskFactor(COMPONENTS, worst, facts));
  }

  private static Optional<RiskFactor> age(RiskInput input) {
    double worst = 1;
    List<String> facts = new ArrayList<>();
    for (DeploymentImage image : input.images()) {
      // The creation time is image metadata: known for an image read but not scanned, too.
      ImageData data = image.data();
      Instant created = data == null ? null : data.created();
      if (created == null) {
        continue;
      }
      long days = Duration.between(created, input.now()).toDays();
      if (days <= AGE_FREE_DAYS) {
        continue;
      }
      worst =
          Math.max(
              worst,
              normalize(
                  days - AGE_FREE_DAYS, AGE_SATURATION_DAYS - AGE_FREE_DAYS, IMAGE_CONTENT_MAX));
      facts.add(
          image.name()
              + ": built "
              + days
              + " days ago (older than "
              + AGE_FREE_DAYS
              + " days adds risk; the factor is highest from "
              + AGE_SATURATION_DAYS
              + ")");
    }
    return facts.isEmpty() ? Optional.empty() : Optional.of(new RiskFactor(AGE, worst, facts));
  }

  private static ImageData data(DeploymentImage image) {
    ImageData data = image.data();
    if (data == null) {
      throw new IllegalArgumentException(image.name() + " is not scanned");
    }
    return data;
  }

  private static String plural(int count, String singular) {
    return plural(count, singular, singular + "s");
  }

  private static String plural(int count, String singular, String pluralForm) {
    return count + " " + (count == 1 ? singular : pluralForm);
  }

  private static String decimal(double value) {
    return value == Math.rint(value)
        ? String.valueOf((long) value)
        : String.format(Locale.ROOT, "%.1f", value);
  }
}
