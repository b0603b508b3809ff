package dev.bulwark.scanner.sbom;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** What the SPDX 2 readers (JSON and tag-value) share: versions, purposes, the subject. */
final class SpdxDocuments {
  /** The id of the document itself, the usual subject of {@code DESCRIBES}. */
  static final String DOCUMENT_ID = "SPDXRef-DOCUMENT";

  private static final Set<String> VERSIONS = Set.of("SPDX-2.2", "SPDX-2.3");

  private SpdxDocuments() {}

  /**
   * The version, checked.
   *
   * @param where the file (and line) for the message
   * @throws SbomException for versions bulwark does not read
   */
  static String requireVersion(@Nullable String version, String where) throws SbomException {
    if (version == null || !VERSIONS.contains(version.strip())) {
      throw new SbomException(
          where
              + ": SPDX version "
              + (version == null ? "missing" : "\"" + version + "\"")
              + " is not read: bulwark reads SPDX-2.2 and SPDX-2.3 (SPDX 3 JSON-LD is not"
              + " supported; export SPDX 2.3 or CycloneDX)");
    }
    return version.strip();
  }

  /**
   * The CycloneDX component type of an SPDX primary package purpose: {@code OPERATING-SYSTEM} (JSON
   * writes {@code OPERATING_SYSTEM}) becomes {@code operating-system}, {@code CONTAINER} {@code
   * container}, and so on; empty when there is none.
   */
  static String type(@Nullable String purpose) {
    return purpose == null ? "" : purpose.strip().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Takes the source package from {@code sourceInfo} when bulwark's writer put it there. */
  static void sourceInfo(SbomComponent.Builder builder, @Nullable String sourceInfo) {
    if (sourceInfo == null) {
      return;
    }
    SbomConventions.parseSpdxSourceInfo(sourceInfo)
        .ifPresent(source -> {
          builder.property(SbomConventions.SOURCE_NAME_PROPERTY, source.name());
          builder.property(SbomConventions.SOURCE_VERSION_PROPERTY, source.version());
        });
  }

  /**
   * Records what a relationship says the document describes: {@code SPDXRef-DOCUMENT DESCRIBES X}
   * and {@code X DESCRIBED_BY SPDXRef-DOCUMENT} add X; other relationships are ignored.
   */
  static void relationship(
      Set<String> described,
      @Nullable String element,
      @Nullable String type,
      @Nullable String related) {
    if (element == null || related == null) {
      return;
    }
    if ("DESCRIBES".equals(type) && DOCUMENT_ID.equals(element)) {
      described.add(related);
    } else if ("DESCRIBED_BY".equals(type) && DOCUMENT_ID.equals(related)) {
      described.add(element);
    }
  }

  /**
   * The package the document describes: a described container when there is one, else the first
   * described package; null when the document describes none of its packages.
   */
  static @Nullable SbomComponent subject(List<SbomComponent> packages, Set<String> described) {
    SbomComponent first = null;
    for (SbomComponent item : packages) {
      if (described.contains(item.pointer())) {
        if (item.type().equals("container")) {
          return item;
        }
        if (first == null) {
          first = item;
        }
      }
    }
    return first;
  }
}
