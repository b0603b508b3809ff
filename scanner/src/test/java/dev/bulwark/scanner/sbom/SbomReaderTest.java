package dev.bulwark.scanner.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.scanner.analyzer.Ecosystem;
import dev.bulwark.scanner.analyzer.Note;
import dev.bulwark.scanner.analyzer.OsRelease;
import dev.bulwark.scanner.analyzer.Package;
import dev.bulwark.scanner.image.Digests;
import dev.bulwark.scanner.image.Platform;
import dev.bulwark.scanner.scan.ImagePackage;
import dev.bulwark.scanner.scan.ImageScan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading each SBOM format into a scan: packages, operating system, subject, notes. */
class SbomReaderTest {
  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
  private static final String IMAGE_DIGEST =
      "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  @TempDir Path directory;

  ImageScan read(String fileName, String content) throws IOException, SbomException {
    Path file = directory.resolve(fileName);
    Files.writeString(file, content);
    return new SbomReader(SbomLimits.DEFAULTS).read(file, "sbom:" + file, Platform.DEFAULT, NOW);
  }

  /** A package as one line: name, version, ecosystem, purl, source, architecture, path. */
  static String line(ImagePackage found) {
    Package item = found.found();
    return String.join(
        " ",
        item.name(),
        item.version(),
        item.ecosystem().osvName(),
        item.purl().toString(),
        item.sourceName() + "@" + item.sourceVersion(),
        String.valueOf(item.architecture()),
        item.path());
  }

  private static final String OWN_CYCLONEDX =
      """
      {
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "metadata": {
          "component": {"type": "container", "bom-ref": "image", "name": "registry.example/app:1",
                        "version": "%s"}
        },
        "components": [
          {"type": "operating-system", "bom-ref": "operating-system", "name": "debian",
           "version": "12", "description": "Debian GNU/Linux 12 (bookworm)"},
          {"type": "library", "bom-ref": "package-1", "name": "bash", "version": "5.2.15-2+b2",
           "purl": "pkg:deb/debian/bash@5.2.15-2%%2Bb2?arch=amd64&distro=debian-12",
           "properties": [
             {"name": "bulwark:ecosystem", "value": "Debian"},
             {"name": "bulwark:sourceName", "value": "bash"},
             {"name": "bulwark:sourceVersion", "value": "5.2.15-2"}]},
          {"type": "library", "bom-ref": "package-2", "name": "PyYAML", "version": "6.0.1",
           "purl": "pkg:pypi/pyyaml@6.0.1"},
          {"type": "library", "bom-ref": "package-3", "name": "zlib1g",
           "version": "1:1.2.13.dfsg-1",
           "purl": "pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64&distro=debian-12&upstream=zlib"}
        ],
        "vulnerabilities": [{"id": "CVE-2099-0001", "affects": [{"ref": "package-3"}]}]
      }
      """
          .formatted(IMAGE_DIGEST);

  @Test
  void cycloneDxJsonGivesPackagesTheOperatingSystemAndTheImageDigest() throws Exception {
    ImageScan scan = read("bom.json", OWN_CYCLONEDX);

    assertThat(scan.reference()).endsWith("bom.json").startsWith("sbom:");
    assertThat(scan.digest()).isEqualTo(IMAGE_DIGEST);
    assertThat(scan.os())
        .isEqualTo(new OsRelease("debian", "12", "Debian GNU/Linux 12 (bookworm)", null));
    assertThat(scan.layers()).isEmpty();
    assertThat(scan.notes()).isEmpty();
    assertThat(scan.scanTime()).isEqualTo(NOW);
    assertThat(scan.packages())
        .extracting(SbomReaderTest::line)
        .containsExactly(
            "bash 5.2.15-2+b2 Debian pkg:deb/debian/bash@5.2.15-2%2Bb2?arch=amd64&distro=debian-12"
                + " bash@5.2.15-2 amd64 bom.json#package-1",
            "PyYAML 6.0.1 PyPI pkg:pypi/pyyaml@6.0.1 PyYAML@6.0.1 null bom.json#package-2",
            "zlib1g 1:1.2.13.dfsg-1 Debian"
                + " pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64&distro=debian-12&upstream=zlib"
                + " zlib@1:1.2.13.dfsg-1 amd64 bom.json#package-3");
    String fileDigest =
        Digests.sha256(
            Files.readString(directory.resolve("bom.json")).getBytes(StandardCharsets.UTF_8));
    assertThat(scan.packages())
        .allSatisfy(found -> assertThat(found.layer()).isEqualTo(fileDigest));
  }

  @Test
  void nestedComponentsFollowTheirParentAndPointersFallBackToJsonPointers() throws Exception {
    ImageScan scan =
        read(
            "nested.cdx.json",
            """
            {"components": [
               {"type": "application", "name": "app", "version": "1.0",
                "purl": "pkg:maven/org.example/app@1.0",
                "components": [
                  {"type": "library", "name": "jackson-core", "group": "com.fasterxml.jackson.core",
                   "version": "2.15.0",
                   "purl": "pkg:maven/com.fasterxml.jackson.core/jackson-core@2.15.0"}]}],
             "specVersion": "1.5", "bomFormat": "CycloneDX"}
            """);

    assertThat(scan.packages())
        .extracting(found -> found.found().name() + " " + found.found().path())
        .containsExactly(
            "org.example:app nested.cdx.json#/components/0",
            "com.fasterxml.jackson.core:jackson-core"
                + " nested.cdx.json#/components/0/components/0");
    assertThat(scan.os()).isNull();
  }

  @Test
  void componentsThatCannotBePackagesLeaveANoteEach() throws Exception {
    ImageScan scan =
        read(
            "syft.json",
            """
            {"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [
              {"bom-ref": "a", "type": "library", "name": "tool", "version": "1"},
              {"bom-ref": "b", "type": "library", "name": "x", "purl": "pkg:generic/x@1"},
              {"bom-ref": "c", "type": "library", "name": "y", "purl": "pkg:npm/y"},
              {"bom-ref": "d", "type": "library", "name": "z", "purl": "pkg:maven/z@1"},
              {"bom-ref": "e", "type": "library", "name": "w", "purl": "not a purl"},
              {"bom-ref": "f", "type": "file", "name": "/etc/passwd"},
              {"bom-ref": "g", "type": "file", "name": "/etc/group"},
              {"bom-ref": "h", "type": "library", "name": "ok", "version": "2.0.0",
               "purl": "pkg:cargo/ok"}
            ]}
            """);

    assertThat(scan.packages())
        .extracting(SbomReaderTest::line)
        .containsExactly("ok 2.0.0 crates.io pkg:cargo/ok ok@2.0.0 null syft.json#h");
    assertThat(scan.notes())
        .extracting(Note::toString)
        .containsExactly(
            "syft.json#a: no Package URL, which bulwark identifies packages by: not scanned (sbom)",
            "syft.json#b: pkg:generic packages are not scanned (bulwark scans deb, apk, rpm, maven,"
                + " npm, pypi, golang, cargo, gem, nuget): pkg:generic/x@1 (sbom)",
            "syft.json#c: no version in the Package URL or the component: not scanned: pkg:npm/y"
                + " (sbom)",
            "syft.json#d: a Maven Package URL needs the group as namespace: not scanned:"
                + " pkg:maven/z@1 (sbom)",
            "syft.json#e: not a Package URL (no pkg: scheme): not a purl: not scanned (sbom)",
            "syft.json: 2 component(s) of type file have no Package URL and are not packages: not"
                + " scanned (sbom)");
  }

  @Test
  void theDistroQualifierNamesTheReleaseWhenNoComponentDoes() throws Exception {
    ImageScan scan =
        read(
            "alpine.json",
            """
            {"bomFormat": "CycloneDX", "specVersion": "1.4", "components": [
              {"type": "library", "name": "libcrypto3", "version": "3.3.2-r0",
               "purl": "pkg:apk/alpine/libcrypto3@3.3.2-r0?arch=x86_64&distro=3.20&upstream=openssl"}
            ]}
            """);

    assertThat(scan.os()).isEqualTo(new OsRelease("alpine", "3.20", null, null));
    assertThat(scan.packages())
        .extracting(SbomReaderTest::line)
        .containsExactly(
            "libcrypto3 3.3.2-r0 Alpine"
                + " pkg:apk/alpine/libcrypto3@3.3.2-r0?arch=x86_64&distro=alpine-3.20&upstream=openssl"
                + " openssl@3.3.2-r0 x86_64 alpine.json#/components/0");
  }

  @Test
  void rpmPackagesTakeTheEpochAndTheSourceRpmAndTheDistributionsEcosystem() throws Exception {
    ImageScan scan =
        read(
            "alma.json",
            """
            {"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [
              {"type": "library", "name": "openssl-libs",
               "purl": "pkg:rpm/almalinux/openssl-libs@3.2.2-6.el10?arch=x86_64&epoch=1&distro=almalinux-10.0&upstream=openssl-3.2.2-6.el10.src.rpm"}
            ]}
            """);

    assertThat(scan.os()).isEqualTo(new OsRelease("almalinux", "10.0", null, null));
    Package item = scan.packages().getFirst().found();
    assertThat(item.ecosystem()).isEqualTo(Ecosystem.ALMA_LINUX);
    assertThat(item.version()).isEqualTo("1:3.2.2-6.el10");
    assertThat(item.sourceName()).isEqualTo("openssl");
    assertThat(item.sourceVersion()).isEqualTo("1:3.2.2-6.el10");
  }

  @Test
  void debianUpstreamMayCarryTheSourceVersion() throws Exception {
    ImageScan scan =
        read(
            "deb.json",
            """
            {"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [
              {"type": "operating-system", "name": "Debian"},
              {"type": "library", "name": "bash",
               "purl": "pkg:deb/debian/bash@5.2.15-2%2Bb2?distro=debian-12.5&upstream=bash%405.2.15-2"}
            ]}
            """);

    assertThat(scan.os()).isEqualTo(new OsRelease("debian", "12.5", null, null));
    Package item = scan.packages().getFirst().found();
    assertThat(item.sourceName()).isEqualTo("bash");
    assertThat(item.sourceVersion()).isEqualTo("5.2.15-2");
  }

  @Test
  void severalOperatingSystemsAreNotedAndTheFirstIsUsed() throws Exception {
    ImageScan scan =
        read(
            "mixed.json",
            """
            {"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [
              {"type": "library", "name": "a", "purl": "pkg:deb/debian/a@1?distro=debian-12"},
              {"type": "library", "name": "b", "purl": "pkg:deb/ubuntu/b@1?distro=ubuntu-22.04"}
            ]}
            """);

    assertThat(scan.os()).isEqualTo(new OsRelease("debian", "12", null, null));
    assertThat(scan.notes())
        .extracting(Note::reason)
        .containsExactly(
            "the Package URLs name several operating systems (debian 12, ubuntu 22.04): debian"
                + " 12, the first, is used for every distribution package");
  }

  static final String OWN_SPDX =
      """
      {
        "spdxVersion": "SPDX-2.3",
        "SPDXID": "SPDXRef-DOCUMENT",
        "name": "registry.example/app:1",
        "packages": [
          {"SPDXID": "SPDXRef-Image", "name": "registry.example/app:1", "versionInfo": "%s",
           "primaryPackagePurpose": "CONTAINER"},
          {"SPDXID": "SPDXRef-OperatingSystem", "name": "debian", "versionInfo": "12",
           "primaryPackagePurpose": "OPERATING_SYSTEM", "description": "Debian GNU/Linux 12"},
          {"SPDXID": "SPDXRef-Package-1", "name": "bash", "versionInfo": "5.2.15-2+b2",
           "primaryPackagePurpose": "LIBRARY",
           "sourceInfo": "built from source package bash 5.2.15-2",
           "externalRefs": [
             {"referenceCategory": "SECURITY", "referenceType": "advisory",
              "referenceLocator": "https://osv.dev/vulnerability/CVE-2099-0001"},
             {"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl",
              "referenceLocator": "pkg:deb/debian/bash@5.2.15-2%%2Bb2?arch=amd64&distro=debian-12"}]}
        ],
        "relationships": [
          {"spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "DESCRIBES",
           "relatedSpdxElement": "SPDXRef-Image"}
        ]
      }
      """
          .formatted(IMAGE_DIGEST);

  @Test
  void spdxJsonGivesTheSamePackagesWithSpdxIdsAsPointers() throws Exception {
    ImageScan scan = read("image.spdx.json", OWN_SPDX);

    assertThat(scan.digest()).isEqualTo(IMAGE_DIGEST);
    assertThat(scan.os()).isEqualTo(new OsRelease("debian", "12", "Debian GNU/Linux 12", null));
    assertThat(scan.notes()).isEmpty();
    assertThat(scan.packages())
        .extracting(SbomReaderTest::line)
        .containsExactly(
            "bash 5.2.15-2+b2 Debian pkg:deb/debian/bash@5.2.15-2%2Bb2?arch=amd64&distro=debian-12"
                + " bash@5.2.15-2 amd64 image.spdx.json#SPDXRef-Package-1");
  }

  @Test
  void spdxTagValueReadsLikeJson() throws Exception {
    ImageScan scan =
        read(
            "image.spdx",
            """
            ## Document Information
            SPDXVersion: SPDX-2.3
            DataLicense: CC0-1.0
            SPDXID: SPDXRef-DOCUMENT
            DocumentName: registry.example/app:1
            DocumentComment: <text>a comment
            spanning: lines, with colons
            </text>
            Relationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-Image

            PackageName: registry.example/app:1
            SPDXID: SPDXRef-Image
            PackageVersion: %s
            PrimaryPackagePurpose: CONTAINER

            PackageName: debian
            SPDXID: SPDXRef-OperatingSystem
            PackageVersion: 12
            PrimaryPackagePurpose: OPERATING-SYSTEM

            PackageName: bash
            SPDXID: SPDXRef-Package-1
            PackageVersion: 5.2.15-2+b2
            PackageSourceInfo: <text>built from source package bash 5.2.15-2</text>
            ExternalRef: PACKAGE-MANAGER purl pkg:deb/debian/bash@5.2.15-2%%2Bb2?arch=amd64&distro=debian-12

            FileName: ./etc/passwd
            SPDXID: SPDXRef-File-1
            """
                .formatted(IMAGE_DIGEST));

    assertThat(scan.digest()).isEqualTo(IMAGE_DIGEST);
    assertThat(scan.os()).isEqualTo(new OsRelease("debian", "12", null, null));
    assertThat(scan.packages())
        .extracting(SbomReaderTest::line)
        .containsExactly(
            "bash 5.2.15-2+b2 Debian pkg:deb/debian/bash@5.2.15-2%2Bb2?arch=amd64&distro=debian-12"
                + " bash@5.2.15-2 amd64 image.spdx#SPDXRef-Package-1");
  }

  @Test
  void cycloneDxXmlReadsLikeJson() throws Exception {
    ImageScan scan =
        read(
            "bom.xml",
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <bom xmlns="http://cyclonedx.org/schema/bom/1.5" version="1">
              <metadata>
                <component type="container" bom-ref="image">
                  <name>registry.example/app:1</name>
                  <version>%s</version>
                </component>
              </metadata>
              <components>
                <component type="operating-system" bom-ref="os">
                  <name>debian</name><version>12</version>
                </component>
                <component type="library" bom-ref="bash">
                  <name>bash</name>
                  <version>5.2.15-2+b2</version>
                  <hashes><hash alg="SHA-256">00</hash></hashes>
                  <purl>pkg:deb/debian/bash@5.2.15-2%%2Bb2?arch=amd64&amp;distro=debian-12</purl>
                  <properties>
                    <property name="bulwark:sourceName">bash</property>
                    <property name="bulwark:sourceVersion">5.2.15-2</property>
                  </properties>
                  <components>
                    <component type="library"><name>inner</name>
                      <purl>pkg:gem/inner@1.0</purl></component>
                  </components>
                </component>
              </components>
            </bom>
            """
                .formatted(IMAGE_DIGEST));

    assertThat(scan.digest()).isEqualTo(IMAGE_DIGEST);
    assertThat(scan.os()).isEqualTo(new OsRelease("debian", "12", null, null));
    assertThat(scan.packages())
        .extracting(SbomReaderTest::line)
        .containsExactly(
            "bash 5.2.15-2+b2 Debian pkg:deb/debian/bash@5.2.15-2%2Bb2?arch=amd64&distro=debian-12"
                + " bash@5.2.15-2 amd64 bom.xml#bash",
            "inner 1.0 RubyGems pkg:gem/inner@1.0 inner@1.0 null"
                + " bom.xml#/bom/components/component[2]/components/component[1]");
  }

  @Test
  void anEmptyBomIsAScanWithoutPackages() throws Exception {
    ImageScan scan = read("empty.json", "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\"}");

    assertThat(scan.packages()).isEmpty();
    assertThat(scan.notes()).isEmpty();
    assertThat(scan.toImageData().components()).isEmpty();
  }

  @Test
  void theScanFeedsPoliciesLikeAnImageScan() throws Exception {
    ImageScan scan = read("bom.json", OWN_CYCLONEDX);

    assertThat(scan.toImageData().os()).isEqualTo("debian:12");
    assertThat(scan.toImageData().components()).hasSize(3);
  }
}
