package dev.bulwark.policy.builtin;

import dev.bulwark.core.image.ImageData;
import dev.bulwark.core.image.ImageDataProvider;
import dev.bulwark.core.image.VulnerabilitySeverity;
import dev.bulwark.core.workload.ImageRef;
import dev.bulwark.policy.engine.TestImages;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Image data for the built-in policies' fixtures, keyed by the reference as the fixtures write it.
 * Images not listed here are unknown, as an image no scanner has seen: only the unscanned-image
 * policy decides them. Ages are relative to {@link #NOW}, the instant the meta-test evaluates at.
 */
final class FixtureImages implements ImageDataProvider {
  static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");

  private static final String PREFIX = "registry.example.com/fixtures/";

  /** Signature integration id of Red Hat's release key, as StackRox ships it. */
  private static final String RED_HAT_KEY =
      "io.stackrox.signatureintegration.12a37a37-760e-4388-9e79-d62726c075b2";

  private static final Map<String, ImageData> IMAGES =
      Map.ofEntries(
          Map.entry(PREFIX + "clean:1.0", clean()),
          Map.entry(PREFIX + "legacy:1.0", legacy()),
          Map.entry(PREFIX + "alternative-forms:1.0", alternativeForms()),
          Map.entry(PREFIX + "near-misses:1.0", nearMisses()),
          Map.entry(PREFIX + "numeric-root:1.0", fresh().user("0").build()),
          Map.entry(PREFIX + "never-scanned:1.0", fresh().scanned(false).build()),
          Map.entry(PREFIX + "split-vulnerabilities:1.0", splitVulnerabilities()),
          Map.entry(PREFIX + "cvss-six:1.0", cvssSix()),
          Map.entry(PREFIX + "moderate-rapid-reset:1.0", moderateRapidReset()),
          Map.entry(
              PREFIX + "labelled:1.0",
              fresh().label("required-label-team", "required-value-shop").build()),
          Map.entry("registry.redhat.io/ubi9/ubi:9.3", fresh().verifiedBy(RED_HAT_KEY).build()),
          Map.entry("registry.access.redhat.com/ubi8/ubi:8.9", fresh().build()),
          Map.entry("quay.io/openshift-release-dev/ocp-release:4.14.0-x86_64", fresh().build()));

  @Override
  public Optional<ImageData> lookup(ImageRef image) {
    return Optional.ofNullable(IMAGES.get(image.fullName()));
  }

  /** Built five days ago, scanned yesterday, as user 1001, with no findings. */
  private static TestImages.DataBuilder fresh() {
    return TestImages.data()
        .os("alpine:3.20")
        .user("1001")
        .created(NOW.minus(Duration.ofDays(5)))
        .scanTime(NOW.minus(Duration.ofDays(1)));
  }

  private static ImageData clean() {
    return fresh()
        .component("musl", "1.2.5")
        .vulnerability(
            TestImages.vulnerability("CVE-2025-0001")
                .component("musl", "1.2.5")
                .cvss(3.1)
                .severity(VulnerabilitySeverity.LOW))
        .line("COPY", "file:9c2e1f in /app")
        .line("RUN", "/bin/sh -c make build")
        .line("EXPOSE", "8080/tcp")
        .line("VOLUME", "/data")
        .line("USER", "1001")
        .line("CMD", "[\"/app/server\"]")
        .build();
  }

  /** Everything the image policies look for, in its most common form. */
  private static ImageData legacy() {
    return TestImages.data()
        .os("debian:11")
        .user("root")
        .created(Instant.parse("2020-03-01T00:00:00Z"))
        .scanTime(Instant.parse("2026-01-15T00:00:00Z"))
        .component("apk-tools", "2.12.7")
        .component("apt", "2.2.4")
        .component("curl", "7.74.0")
        .component("wget", "1.21")
        .vulnerability(critical("CVE-2021-44228", "log4j-core", "2.14.1", "2.15.0"))
        .vulnerability(critical("CVE-2022-22965", "spring-beans", "5.3.17", "5.3.18"))
        .vulnerability(critical("CVE-2017-5638", "struts2-core", "2.3.31", "2.3.32"))
        .vulnerability(
            TestImages.vulnerability("CVE-2023-44487")
                .component("netty-codec-http2", "4.1.99")
                .cvss(7.5)
                .severity(VulnerabilitySeverity.IMPORTANT)
                .fixedBy("4.1.100"))
        .line("ADD", "file:3b1a4c in /")
        .line("RUN", "/bin/sh -c apt-get update")
        .line("EXPOSE", "22/tcp")
        .line("VOLUME", "/run/secrets")
        .line("CMD", "[\"java\",\"-jar\",\"/opt/app/shop.jar\",\"--insecure\"]")
        .build();
  }

  /** The same findings written the other ways builds and scanners write them. */
  private static ImageData alternativeForms() {
    return fresh()
        .component("dpkg", "1.21.22")
        .component("rpm", "4.16.1")
        .vulnerability(critical("CVE-2021-45046", "log4j-core", "2.15.0", "2.16.0"))
        .vulnerability(
            critical("CVE-2022-22963", "spring-cloud-function-context", "3.2.2", "3.2.3"))
        .vulnerability(
            TestImages.vulnerability("CVE-2023-39325")
                .component("golang.org/x/net", "0.16.0")
                .cvss(7.5)
                .severity(VulnerabilitySeverity.CRITICAL))
        .line("ADD", "https://example.com/tools.tar.gz /opt/")
        .line("RUN", "yum update")
        .line("EXPOSE", "8080/tcp 22")
        .line("VOLUME", "[\"/data\",\"/run/secrets\"]")
        .line("ENTRYPOINT", "[\"/app/proxy\",\"--insecure-skip-tls-verify\"]")
        .build();
  }

  /** Findings that look like what the policies look for but are not. */
  private static ImageData nearMisses() {
    return fresh()
        .component("apt-transport-https", "2.6.1")
        .component("libcurl", "8.5.0")
        .line("COPY", "file:9c2e1f in /app")
        .line("RUN", "/bin/sh -c apt-get update && apt-get install -y tini")
        .line("EXPOSE", "2222/tcp")
        .line("VOLUME", "/run/secrets-cache")
        .line("CMD", "[\"/app/server\",\"--secure\"]")
        .build();
  }

  /** One fixable LOW and one unfixed IMPORTANT vulnerability: no single one is both. */
  private static ImageData splitVulnerabilities() {
    return fresh()
        .vulnerability(
            TestImages.vulnerability("CVE-2025-0002")
                .component("musl", "1.2.4")
                .cvss(3.7)
                .severity(VulnerabilitySeverity.LOW)
                .fixedBy("1.2.5"))
        .vulnerability(
            TestImages.vulnerability("CVE-2025-0003")
                .component("zlib", "1.3")
                .cvss(7.5)
                .severity(VulnerabilitySeverity.IMPORTANT))
        .build();
  }

  /** A fixable moderate vulnerability scored 6.5: CVSS 6 or more, below important. */
  private static ImageData cvssSix() {
    return fresh()
        .vulnerability(
            TestImages.vulnerability("CVE-2025-0004")
                .component("openssl", "3.0.13")
                .cvss(6.5)
                .severity(VulnerabilitySeverity.MODERATE)
                .fixedBy("3.0.14"))
        .build();
  }

  private static ImageData moderateRapidReset() {
    return fresh()
        .vulnerability(
            TestImages.vulnerability("CVE-2023-44487")
                .component("nghttp2", "1.57.0")
                .cvss(5.3)
                .severity(VulnerabilitySeverity.MODERATE))
        .build();
  }

  private static TestImages.VulnerabilityBuilder critical(
      String cve, String component, String version, String fixedBy) {
    return TestImages.vulnerability(cve)
        .component(component, version)
        .cvss(9.8)
        .severity(VulnerabilitySeverity.CRITICAL)
        .fixedBy(fixedBy);
  }
}
