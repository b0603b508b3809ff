package dev.bulwark.scanner.sbom;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads the parts of an SPDX 2 tag-value document a scan needs, as {@link SpdxJsonReader} does for
 * JSON: a package starts at {@code PackageName} and ends at the next package, file, snippet or
 * license section; {@code <text>} values may span lines. Not thread-safe; one instance per
 * document.
 */
final class SpdxTagValueReader {
  private static final String TEXT_START = "<text>";
  private static final String TEXT_END = "</text>";

  private final BufferedReader in;
  private final String file;
  private final ComponentCount count;
  private final List<SbomComponent> packages = new ArrayList<>();
  private final Set<String> described = new LinkedHashSet<>();
  private @Nullable String version;
  private SbomComponent.@Nullable Builder current;
  private int lineNumber;

  private SpdxTagValueReader(BufferedReader in, String file, ComponentCount count) {
    this.in = in;
    this.file = file;
    this.count = count;
  }

  /**
   * Reads the document in {@code in}.
   *
   * @param file the file for messages
   */
  static SbomDocument read(BufferedReader in, String file, ComponentCount count)
      throws IOException, SbomException {
    return new SpdxTagValueReader(in, file, count).document();
  }

  private SbomDocument document() throws IOException, SbomException {
    String line;
    while ((line = in.readLine()) != null) {
      lineNumber++;
      if (line.isBlank() || line.strip().startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new SbomException(
            file
                + ":"
                + lineNumber
                + ": expected \"Tag: value\", found \""
                + shortened(line)
                + "\"");
      }
      int start = lineNumber;
      tag(line.substring(0, colon).strip(), value(line.substring(colon + 1).strip()), start);
    }
    finishPackage();
    String checked = SpdxDocuments.requireVersion(version, file);
    return new SbomDocument(
        checked + " tag-value", SpdxDocuments.subject(packages, described), packages);
  }

  private void tag(String tag, String value, int line) throws IOException, SbomException {
    if (version == null && !tag.equals("SPDXVersion")) {
      throw new SbomException(
          file + ":" + line + ": an SPDX tag-value document starts with SPDXVersion, found " + tag);
    }
    SbomComponent.Builder item = current;
    switch (tag) {
      case "SPDXVersion" -> version = SpdxDocuments.requireVersion(value, file + ":" + line);
      case "PackageName" -> {
        finishPackage();
        count.add();
        current = new SbomComponent.Builder("line " + line).name(value);
      }
      case "FileName", "SnippetSPDXID", "LicenseID" -> finishPackage();
      case "Relationship" -> relationship(value);
      default -> {
        if (item != null) {
          packageTag(item, tag, value);
        }
      }
    }
  }

  private static void packageTag(SbomComponent.Builder item, String tag, String value) {
    switch (tag) {
      case "SPDXID" -> item.reference(value);
      case "PackageVersion" -> item.version(value);
      case "PrimaryPackagePurpose" -> item.type(SpdxDocuments.type(value));
      case "PackageDescription" -> item.description(value);
      case "PackageSourceInfo" -> SpdxDocuments.sourceInfo(item, value);
      case "ExternalRef" -> {
        String[] parts = value.split("\\s+", 3);
        if (parts.length == 3 && parts[1].equalsIgnoreCase("purl")) {
          item.purl(parts[2]);
        }
      }
      default -> {
        // Licenses, checksums, suppliers and the like do not change what is scanned.
      }
    }
  }

  private void relationship(String value) {
    String[] parts = value.split("\\s+");
    if (parts.length >= 3) {
      SpdxDocuments.relationship(described, parts[0], parts[1], parts[2]);
    }
  }

  private void finishPackage() {
    SbomComponent.Builder item = current;
    if (item != null) {
      packages.add(item.build());
      current = null;
    }
  }

  /** The value, with a {@code <text>} block read to its end, which may be lines further on. */
  private String value(String first) throws IOException, SbomException {
    if (!first.startsWith(TEXT_START)) {
      return first;
    }
    int start = lineNumber;
    StringBuilder text = new StringBuilder(first.substring(TEXT_START.length()));
    while (text.indexOf(TEXT_END) < 0) {
      String line = in.readLine();
      if (line == null) {
        throw new SbomException(
            file + ":" + start + ": the " + TEXT_START + " value has no " + TEXT_END);
      }
      lineNumber++;
      text.append('\n').append(line);
    }
    return text.substring(0, text.indexOf(TEXT_END)).strip();
  }

  private static String shortened(String line) {
    String stripped = line.strip();
    return stripped.length() <= 60 ? stripped : stripped.substring(0, 60) + "…";
  }
}
