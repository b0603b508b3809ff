package dev.bulwark.policy.conformance;

import dev.bulwark.core.image.DockerfileLine;
import dev.bulwark.core.image.ImageComponent;
import dev.bulwark.core.image.ImageData;
import dev.bulwark.core.image.ImageDataProvider;
import dev.bulwark.core.image.ImageVulnerability;
import dev.bulwark.core.image.VulnerabilitySeverity;
import dev.bulwark.core.workload.ImageRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scan data for the images the fixtures use, keyed by the reference as written in the manifest. The
 * legacy image has everything the image policies look for; the clean image has none of it. Images
 * not listed stay unknown.
 */
final class ImageCatalog implements ImageDataProvider {
  static final String LEGACY = "registry.example.com/shop/legacy-java:2.1";
  static final String CLEAN = "registry.example.com/shop/clean-app:3.0";
  static final String NEVER_SCANNED = "registry.example.com/shop/never-scanned:1.0";
  static final String SPLIT_VULNERABILITIES = "registry.example.com/shop/split-vulns:1.0";
  static final String RED_HAT_SIGNED = "registry.redhat.io/ubi9/ubi:9.3";
  static final String RED_HAT_UNSIGNED = "registry.access.redhat.com/ubi8/ubi:8.9";
  static final String RELEASE_UNSIGNED = "quay.io/openshift-release-dev/ocp-release:4.14.0-x86_64";

  /** The signature integration StackRox ships for Red Hat's release key. */
  static final String RED_HAT_SIGNATURE_INTEGRATION =
      "io.stackrox.signatureintegration.12a37a37-760e-4388-9e79-d62726c075b2";

  private static final ImageComponent LOG4J = new ImageComponent("log4j-core", "2.14.1");
  private static final ImageComponent SPRING = new ImageComponent("spring-beans", "5.3.17");
  private static final ImageComponent STRUTS = new ImageComponent("struts2-core", "2.3.31");
  private static final ImageComponent NETTY = new ImageComponent("netty-codec-http2", "4.1.99");
  private static final ImageComponent MUSL = new ImageComponent("musl", "1.2.4");

  private static final Map<String, ImageData> IMAGES =
      Map.of(
          LEGACY, legacy(),
          CLEAN, clean(),
          NEVER_SCANNED, unscanned(),
          SPLIT_VULNERABILITIES, splitVulnerabilities(),
          RED_HAT_SIGNED, redHat(List.of(RED_HAT_SIGNATURE_INTEGRATION)),
          RED_HAT_UNSIGNED, redHat(List.of()),
          RELEASE_UNSIGNED, redHat(List.of()));

  @Override
  public Optional<ImageData> lookup(ImageRef image) {
    return Optional.ofNullable(IMAGES.get(image.fullName()));
  }

  private static ImageData legacy() {
    return new ImageData(
        true,
        "debian:11",
        "root",
        Map.of("maintainer", "shop"),
        List.of(
            new ImageComponent("apk-tools", "2.12.7"),
            new ImageComponent("apt", "2.2.4"),
            new ImageComponent("dpkg", "1.20.12"),
            new ImageComponent("curl", "7.74.0"),
            new ImageComponent("wget", "1.21"),
            new ImageComponent("rpm", "4.16.1"),
            LOG4J,
            SPRING,
            STRUTS,
            NETTY),
        List.of(
            vulnerability("CVE-2021-44228", LOG4J, 10.0, VulnerabilitySeverity.CRITICAL, "2.15.0"),
            vulnerability("CVE-2022-22965", SPRING, 9.8, VulnerabilitySeverity.CRITICAL, "5.3.18"),
            vulnerability("CVE-2017-5638", STRUTS, 10.0, VulnerabilitySeverity.CRITICAL, "2.3.32"),
            vulnerability(
                "CVE-2023-44487", NETTY, 7.5, VulnerabilitySeverity.IMPORTANT, "4.1.100")),
        List.of(
            new DockerfileLine("ADD", "file:3b1a4c in /opt/app"),
            new DockerfileLine("RUN", "/bin/sh -c apt-get update"),
            new DockerfileLine("EXPOSE", "22/tcp"),
            new DockerfileLine("VOLUME", "/run/secrets"),
            new DockerfileLine("CMD", "[\"java\",\"-jar\",\"/opt/app/shop.jar\",\"--insecure\"]")),
        Instant.parse("2020-03-01T00:00:00Z"),
        Instant.parse("2026-01-15T00:00:00Z"),
        List.of());
  }

  private static ImageData clean() {
    return new ImageData(
        true,
        "alpine:3.19",
        "1001",
        Map.of("required-label-team", "required-value-shop"),
        List.of(MUSL),
        List.of(vulnerability("CVE-2025-0001", MUSL, 3.1, VulnerabilitySeverity.LOW, "")),
        List.of(
            new DockerfileLine("COPY", "file:9c2e1f in /app"),
            new DockerfileLine("RUN", "/bin/sh -c make build"),
            new DockerfileLine("EXPOSE", "8080/tcp"),
            new DockerfileLine("VOLUME", "/data"),
            new DockerfileLine("USER", "1001"),
            new DockerfileLine("CMD", "[\"/app/server\"]")),
        Fixture.NOW.minus(Duration.ofDays(5)),
        Fixture.NOW.minus(Duration.ofDays(1)),
        List.of());
  }

  private static ImageData unscanned() {
    return new ImageData(
        false, null, null, Map.of(), List.of(), List.of(), List.of(), null, null, List.of());
  }

  /** One fixable LOW and one unfixable IMPORTANT vulnerability: no single one is both. */
  private static ImageData splitVulnerabilities() {
    return new ImageData(
        true,
        "alpine:3.19",
        "1001",
        Map.of(),
        List.of(MUSL, NETTY),
        List.of(
            vulnerability("CVE-2025-0002", MUSL, 3.7, VulnerabilitySeverity.LOW, "1.2.5"),
            vulnerability("CVE-2025-0003", NETTY, 7.5, VulnerabilitySeverity.IMPORTANT, "")),
        List.of(),
        Fixture.NOW.minus(Duration.ofDays(5)),
        Fixture.NOW.minus(Duration.ofDays(1)),
        List.of());
  }

  private static ImageData redHat(List<String> verifiedBy) {
    return new ImageData(
        true,
        "rhel:9",
        "1001",
        Map.of(),
        List.of(),
        List.of(),
        List.of(),
        Fixture.NOW.minus(Duration.ofDays(5)),
        Fixture.NOW.minus(Duration.ofDays(1)),
        verifiedBy);
  }

  private static ImageVulnerability vulnerability(
      String cve,
      ImageComponent component,
      double cvss,
      VulnerabilitySeverity severity,
      String fixedBy) {
    Instant published = Instant.parse("2023-01-01T00:00:00Z");
    return new ImageVulnerability(
        cve,
        component,
        cvss,
        cvss,
        severity,
        fixedBy,
        published,
        fixedBy.isEmpty() ? null : published,
        published,
        published);
  }
}
