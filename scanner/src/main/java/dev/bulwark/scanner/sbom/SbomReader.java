package dev.bulwark.scanner.sbom;

import dev.bulwark.scanner.image.Digests;
import dev.bulwark.scanner.image.ImageConfig;
import dev.bulwark.scanner.image.Platform;
import dev.bulwark.scanner.scan.ImageScan;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads a software bill of materials as a scan: CycloneDX 1.2 to 1.7 (JSON or XML) or SPDX 2.2/2.3
 * (JSON or tag-value), told apart by content. The result is an {@link ImageScan} without layers:
 *
 * <ul>
 *   <li>{@code reference} is the reference as given, {@code digest} the image digest the document
 *       records for what it describes (a {@code sha256:} version), else null;
 *   <li>{@code os} comes from the operating-system component (SPDX: purpose {@code
 *       OPERATING-SYSTEM}), else from the distribution Package URLs' namespace and {@code distro};
 *   <li>each component with a Package URL of a known type becomes a package: path {@code
 *       FILE#POINTER} (the file name, then the bom-ref or SPDXID, else a path into the document),
 *       layer the SBOM file's digest;
 *   <li>components that cannot be packages (no or a malformed Package URL, an unknown type, no
 *       version) become notes.
 * </ul>
 *
 * Thread-safe: each call reads its own file.
 */
public final class SbomReader {
  /** The reference prefix that names an SBOM file explicitly: {@code sbom:FILE}. */
  public static final String PREFIX = "sbom:";

  private static final int SNIFF_BYTES = 8192;

  private final SbomLimits limits;

  /** A reader with these limits. */
  public SbomReader(SbomLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /**
   * The SBOM file a reference names: the file after {@code sbom:}, or a regular file whose content
   * starts like a JSON, XML or SPDX tag-value document (image archives are tar files and never do).
   * Empty for every other reference, which then names an image.
   */
  public static Optional<Path> sbomFile(String reference) {
    String text = reference.strip();
    try {
      if (text.startsWith(PREFIX)) {
        return Optional.of(Path.of(text.substring(PREFIX.length())));
      }
      Path path = Path.of(text);
      return Files.isRegularFile(path) && syntax(path) != null
          ? Optional.of(path)
          : Optional.empty();
    } catch (InvalidPathException | IOException e) {
      // Not a readable local file: the reference is left to the image sources, which report it.
      return Optional.empty();
    }
  }

  /**
   * Reads the SBOM in {@code file} as a scan.
   *
   * @param reference the reference as the user gave it, kept in the scan
   * @param platform the platform recorded in the scan's configuration (SBOMs do not say)
   * @param scanTime when the scan happened
   * @throws SbomException when the file is missing, over a limit, not an SBOM bulwark reads, or
   *     malformed; the message names the file and, when known, line and column
   */
  public ImageScan read(Path file, String reference, Platform platform, Instant scanTime)
      throws SbomException {
    String where = file.toString();
    Path fileName = file.getFileName();
    String name = fileName == null ? where : fileName.toString();
    try {
      if (!Files.isRegularFile(file)) {
        throw new SbomException(
            Files.exists(file)
                ? where + " is not a regular file, so not an SBOM"
                : "no such SBOM file: " + where);
      }
      long size = Files.size(file);
      if (size > limits.maxBytes()) {
        throw new SbomException(
            where
                + " is "
                + size
                + " bytes, more than the "
                + limits.maxBytes()
                + " bytes bulwark reads from an SBOM");
      }
      SbomDocument document = document(file, where);
      SbomPackages.Result result = SbomPackages.convert(document, name, digest(file));
      return new ImageScan(
          reference,
          digest(document.subject()),
          result.os(),
          new ImageConfig(platform, "", Map.of(), List.of(), null, List.of(), List.of()),
          result.packages(),
          result.notes(),
          List.of(),
          scanTime);
    } catch (IOException e) {
      throw new SbomException("cannot read " + where + ": " + e.getMessage(), e);
    }
  }

  private SbomDocument document(Path file, String where) throws IOException, SbomException {
    Syntax syntax = syntax(file);
    if (syntax == null) {
      throw new SbomException(
          where
              + " is not an SBOM bulwark reads: expected CycloneDX (JSON or XML) or SPDX 2 (JSON"
              + " or tag-value starting with SPDXVersion)");
    }
    ComponentCount count = new ComponentCount(where, limits);
    return switch (syntax) {
      case JSON -> JsonSboms.read(file, where, count);
      case XML -> {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
          yield CycloneDxXmlReader.read(in, where, count);
        }
      }
      case TAG_VALUE -> {
        try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(
                    Files.newInputStream(file),
                    StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE)))) {
          yield SpdxTagValueReader.read(in, where, count);
        }
      }
    };
  }

  /** How a document is written, from its first characters. */
  private enum Syntax {
    JSON,
    XML,
    TAG_VALUE
  }

  private static @Nullable Syntax syntax(Path file) throws IOException {
    byte[] start;
    try (InputStream in = Files.newInputStream(file)) {
      start = in.readNBytes(SNIFF_BYTES);
    }
    String text = new String(start, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    String content = text.stripLeading();
    if (content.startsWith("{")) {
      return Syntax.JSON;
    }
    if (content.startsWith("<")) {
      return Syntax.XML;
    }
    for (String line : content.lines().toList()) {
      String stripped = line.strip();
      if (!stripped.isEmpty() && !stripped.startsWith("#")) {
        return stripped.startsWith("SPDXVersion:") ? Syntax.TAG_VALUE : null;
      }
    }
    return null;
  }

  private static @Nullable String digest(@Nullable SbomComponent subject) {
    String version = subject == null ? null : subject.version();
    return version != null && Digests.isSha256(version) ? version : null;
  }

  private static String digest(Path file) throws IOException {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return "sha256:" + HexFormat.of().formatHex(sha256.digest());
  }
}
