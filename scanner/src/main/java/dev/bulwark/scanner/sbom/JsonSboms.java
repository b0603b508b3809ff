package dev.bulwark.scanner.sbom;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * JSON SBOMs: tells CycloneDX from SPDX by their top-level version members, wherever they stand in
 * the document, then reads the document with the reader for its format.
 */
final class JsonSboms {
  // Jackson names positions inside its messages with a source placeholder we do not need.
  private static final Pattern SOURCE =
      Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");

  private JsonSboms() {}

  /**
   * Reads the JSON SBOM in {@code file}.
   *
   * @param where the file as the user named it, for messages
   * @throws SbomException when it is not valid JSON, not CycloneDX or SPDX 2, or malformed
   */
  static SbomDocument read(Path file, String where, ComponentCount count)
      throws IOException, SbomException {
    Kind kind = kind(file, where);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file));
        JsonCursor cursor = JsonCursor.open(in, where)) {
      SbomDocument document =
          kind.spdx()
              ? SpdxJsonReader.read(cursor, kind.version(), count)
              : CycloneDxJsonReader.read(cursor, kind.version(), count);
      cursor.requireEnd();
      return document;
    } catch (JsonProcessingException e) {
      throw invalid(where, e);
    }
  }

  /** The format of a JSON document: SPDX or CycloneDX, and its version. */
  private record Kind(boolean spdx, String version) {}

  // Writers put the version members first, so this pass usually stops after a few tokens.
  private static Kind kind(Path file, String where) throws IOException, SbomException {
    TopLevel found = new TopLevel();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file));
        JsonCursor cursor = JsonCursor.open(in, where)) {
      cursor.objectUntil(
          "the document",
          member -> {
            switch (member) {
              case "bomFormat" -> found.bomFormat = cursor.string("bomFormat");
              case "specVersion" -> found.specVersion = cursor.string("specVersion");
              case "spdxVersion" -> found.spdxVersion = cursor.string("spdxVersion");
              case "@context" -> {
                found.linkedData = true;
                cursor.skip();
              }
              default -> cursor.skip();
            }
            return found.spdxVersion == null
                && (found.bomFormat == null || found.specVersion == null);
          });
    } catch (JsonProcessingException e) {
      throw invalid(where, e);
    }
    return found.kind(where);
  }

  private static SbomException invalid(String where, JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    String position =
        location == null ? "" : ":" + location.getLineNr() + ":" + location.getColumnNr();
    return new SbomException(
        where
            + position
            + ": not valid JSON: "
            + SOURCE.matcher(e.getOriginalMessage()).replaceAll("line $1, column $2"),
        e);
  }

  /** The top-level members that name the format, while they are looked for. */
  private static final class TopLevel {
    @Nullable String bomFormat;
    @Nullable String specVersion;
    @Nullable String spdxVersion;
    boolean linkedData;

    Kind kind(String where) throws SbomException {
      String spdx = spdxVersion;
      if (spdx != null) {
        return new Kind(true, SpdxDocuments.requireVersion(spdx, where));
      }
      String format = bomFormat;
      if (format == null) {
        throw new SbomException(
            where
                + ": JSON, but neither a CycloneDX BOM (no \"bomFormat\") nor an SPDX 2 document"
                + " (no \"spdxVersion\")"
                + (linkedData ? "; SPDX 3 JSON-LD is not supported, export SPDX 2.3" : "")
                + ": bulwark reads CycloneDX 1.2 to 1.7 and SPDX 2.2/2.3 SBOMs");
      }
      if (!format.equals("CycloneDX")) {
        throw new SbomException(
            where + ": \"bomFormat\" is \"" + format + "\", expected \"CycloneDX\"");
      }
      String version = specVersion;
      if (version == null || !CycloneDxJsonReader.VERSIONS.contains(version)) {
        throw new SbomException(
            where
                + ": CycloneDX specVersion "
                + (version == null ? "missing" : "\"" + version + "\"")
                + " is not read: bulwark reads CycloneDX 1.2 to 1.7");
      }
      return new Kind(false, version);
    }
  }
}
