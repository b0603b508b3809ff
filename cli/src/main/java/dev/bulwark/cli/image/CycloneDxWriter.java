package dev.bulwark.cli.image;

import dev.bulwark.scanner.analyzer.OsRelease;
import dev.bulwark.scanner.analyzer.Package;
import dev.bulwark.scanner.sbom.SbomConventions;
import dev.bulwark.scanner.scan.ImagePackage;
import dev.bulwark.scanner.scan.ImageScan;
import dev.bulwark.scanner.vuln.ImageFinding;
import dev.bulwark.vulndb.match.VulnerabilityMatch;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.json.BomJsonGenerator;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.metadata.ToolInformation;
import org.cyclonedx.model.vulnerability.Vulnerability;
import org.jspecify.annotations.Nullable;

/**
 * Writes an image scan as a CycloneDX 1.6 JSON BOM: the image as the metadata component
 * (container), the operating system as a component, one library component per package with its
 * Package URL and the properties {@code bulwark:layer}, {@code bulwark:path} and, when the package
 * names another source, {@code bulwark:sourceName} and {@code bulwark:sourceVersion} (which {@code
 * SbomReader} reads back). With a vulnerability report, the BOM also says whether vulnerabilities
 * were checked (metadata property {@code bulwark:vulnerabilitiesChecked}) and lists them: one entry
 * per record id with its source, rating, aliases as references, the affected components and their
 * fixed versions. Stateless.
 */
public final class CycloneDxWriter {
  private CycloneDxWriter() {}

  /** Writes the scan's bill of materials alone ({@code bulwark sbom}). */
  public static void write(ImageScan scan, String toolVersion, Writer out) throws IOException {
    write(scan, null, toolVersion, out);
  }

  /**
   * Writes the scan's bill of materials with the vulnerability report ({@code image scan -o
   * cyclonedx}); without a report, vulnerabilities are not mentioned.
   */
  static void write(
      ImageScan scan, @Nullable VulnerabilityReport vulnerabilities, String toolVersion, Writer out)
      throws IOException {
    ReportedPackages reported = ReportedPackages.of(scan);
    Bom bom = new Bom();
    bom.setSerialNumber("urn:uuid:" + UUID.randomUUID());
    bom.setMetadata(metadata(scan, vulnerabilities, toolVersion));
    List<Component> components = new ArrayList<>();
    OsRelease os = scan.os();
    if (os != null) {
      components.add(operatingSystem(os));
    }
    List<ImagePackage> packages = reported.packages();
    for (int index = 0; index < packages.size(); index++) {
      components.add(component(packages.get(index), reference(index)));
    }
    bom.setComponents(components);
    if (vulnerabilities != null && !vulnerabilities.shown().isEmpty()) {
      bom.setVulnerabilities(vulnerabilities(vulnerabilities.shown(), reported));
    }
    try {
      out.write(new BomJsonGenerator(bom, Version.VERSION_16).toJsonString());
      out.write("\n");
    } catch (GeneratorException e) {
      throw new IOException("cannot write the CycloneDX document: " + e.getMessage(), e);
    }
  }

  private static String reference(int index) {
    return "package-" + (index + 1);
  }

  private static Metadata metadata(
      ImageScan scan, @Nullable VulnerabilityReport vulnerabilities, String toolVersion) {
    Metadata metadata = new Metadata();
    metadata.setTimestamp(Date.from(scan.scanTime()));
    Component tool = new Component();
    tool.setType(Component.Type.APPLICATION);
    tool.setName("bulwark");
    tool.setVersion(toolVersion);
    ToolInformation tools = new ToolInformation();
    tools.setComponents(List.of(tool));
    metadata.setToolChoice(tools);
    Component image = new Component();
    image.setType(Component.Type.CONTAINER);
    image.setBomRef("image");
    image.setName(scan.reference());
    String digest = scan.digest();
    if (digest != null) {
      image.setVersion(digest);
    }
    metadata.setComponent(image);
    if (vulnerabilities != null) {
      // Without this, a BOM without vulnerabilities could pass for a clean image.
      metadata.addProperty(
          new Property(
              "bulwark:vulnerabilitiesChecked",
              Boolean.toString(vulnerabilities.database() != null)));
    }
    return metadata;
  }

  private static Component operatingSystem(OsRelease os) {
    Component system = new Component();
    system.setType(Component.Type.OPERATING_SYSTEM);
    system.setBomRef("operating-system");
    system.setName(os.id());
    if (os.versionId() != null) {
      system.setVersion(os.versionId());
    }
    if (os.prettyName() != null) {
      system.setDescription(os.prettyName());
    }
    return system;
  }

  private static Component component(ImagePackage found, String reference) {
    Package item = found.found();
    Component component = new Component();
    component.setType(Component.Type.LIBRARY);
    component.setBomRef(reference);
    component.setName(item.name());
    component.setVersion(item.version());
    component.setPurl(item.purl().toString());
    component.addProperty(new Property("bulwark:ecosystem", item.ecosystem().osvName()));
    component.addProperty(new Property("bulwark:layer", found.layer()));
    component.addProperty(new Property("bulwark:path", item.path()));
    if (!item.sourceName().equals(item.name()) || !item.sourceVersion().equals(item.version())) {
      component.addProperty(new Property(SbomConventions.SOURCE_NAME_PROPERTY, item.sourceName()));
      component.addProperty(
          new Property(SbomConventions.SOURCE_VERSION_PROPERTY, item.sourceVersion()));
    }
    return component;
  }

  /** One entry per record id, in report order, affecting every package the record matched. */
  private static List<Vulnerability> vulnerabilities(
      List<ImageFinding> findings, ReportedPackages reported) {
    Map<String, List<ImageFinding>> byId = new LinkedHashMap<>();
    for (ImageFinding finding : findings) {
      byId.computeIfAbsent(finding.match().id(), id -> new ArrayList<>()).add(finding);
    }
    List<Vulnerability> entries = new ArrayList<>();
    byId.values().forEach(group -> entries.add(vulnerability(group, reported)));
    return entries;
  }

  private static Vulnerability vulnerability(List<ImageFinding> group, ReportedPackages reported) {
    VulnerabilityMatch match = group.getFirst().match();
    Vulnerability vulnerability = new Vulnerability();
    vulnerability.setId(match.id());
    vulnerability.setSource(source(Advisories.SOURCE_NAME, Advisories.url(match.id())));
    for (String alias : match.aliases()) {
      Vulnerability.Reference reference = new Vulnerability.Reference();
      reference.setId(alias);
      reference.setSource(source(Advisories.aliasSource(alias), Advisories.aliasUrl(alias)));
      vulnerability.addReference(reference);
    }
    vulnerability.addRating(rating(match));
    if (!match.summary().isBlank()) {
      vulnerability.setDescription(match.summary());
    }
    vulnerability.setRecommendation(
        group.stream()
            .map(finding -> Advisories.remedy(finding.match()))
            .distinct()
            .collect(Collectors.joining("; ")));
    Instant published = match.published();
    if (published != null) {
      vulnerability.setPublished(Date.from(published));
    }
    List<Vulnerability.Affect> affects = new ArrayList<>();
    for (ImageFinding finding : group) {
      affects.add(affect(finding, reference(reported.positionOf(finding))));
    }
    vulnerability.setAffects(affects);
    return vulnerability;
  }

  private static Vulnerability.Source source(String name, String url) {
    Vulnerability.Source source = new Vulnerability.Source();
    source.setName(name);
    source.setUrl(url);
    return source;
  }

  private static Vulnerability.Rating rating(VulnerabilityMatch match) {
    Vulnerability.Rating rating = new Vulnerability.Rating();
    rating.setSeverity(Vulnerability.Rating.Severity.valueOf(match.severity().name()));
    rating.setScore(match.cvssScore());
    String vector = match.cvssVector();
    if (vector != null) {
      rating.setVector(vector);
      rating.setMethod(method(vector));
    }
    return rating;
  }

  // CVSS 3 and 4 vectors name their version; version 2 vectors start with the first metric.
  private static Vulnerability.Rating.Method method(String vector) {
    if (vector.startsWith("CVSS:4.")) {
      return Vulnerability.Rating.Method.CVSSV4;
    }
    if (vector.startsWith("CVSS:3.1")) {
      return Vulnerability.Rating.Method.CVSSV31;
    }
    if (vector.startsWith("CVSS:3.")) {
      return Vulnerability.Rating.Method.CVSSV3;
    }
    return vector.startsWith("AV:")
        ? Vulnerability.Rating.Method.CVSSV2
        : Vulnerability.Rating.Method.OTHER;
  }

  private static Vulnerability.Affect affect(ImageFinding finding, String reference) {
    Vulnerability.Affect affect = new Vulnerability.Affect();
    affect.setRef(reference);
    VulnerabilityMatch match = finding.match();
    List<Vulnerability.Version> versions = new ArrayList<>();
    versions.add(version(match.installedVersion(), Vulnerability.Version.Status.AFFECTED));
    String fixed = match.fixedVersion();
    if (fixed != null) {
      versions.add(version(fixed, Vulnerability.Version.Status.UNAFFECTED));
    }
    affect.setVersions(versions);
    return affect;
  }

  private static Vulnerability.Version version(
      String version, Vulnerability.Version.Status status) {
    Vulnerability.Version entry = new Vulnerability.Version();
    entry.setVersion(version);
    entry.setStatus(status);
    return entry;
  }
}
