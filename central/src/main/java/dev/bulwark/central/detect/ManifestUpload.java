package dev.bulwark.central.detect;

import dev.bulwark.central.api.ApiProblem;
import dev.bulwark.core.manifest.ManifestSource;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The manifest sources of one detection request: the body as one source (YAML or JSON), or one
 * source per part of a {@code multipart/form-data} body, named by the part's file name so that
 * findings keep {@code file:line}. Stateless.
 */
final class ManifestUpload {
  /** More files than a pipeline sends at once; keeps a request's bookkeeping small. */
  static final int MAX_PARTS = 1000;

  static final String DEFAULT_NAME = "request";
  private static final int MAX_NAME_LENGTH = 500;
  private static final Set<String> TEXT_TYPES =
      Set.of("application/yaml", "application/x-yaml", "text/yaml", "application/json");
  private static final Pattern BOUNDARY =
      Pattern.compile("(?i);\\s*boundary=(?:\"([^\"]+)\"|([^;\\s]+))");
  private static final Pattern FILE_NAME = Pattern.compile("(?i);\\s*filename=\"([^\"]*)\"");

  private ManifestUpload() {}

  /**
   * The sources in the body.
   *
   * @param contentType the request's Content-Type, or null
   * @param name the {@code name} query parameter, or null for {@value #DEFAULT_NAME}
   * @throws ApiProblem 415 for another media type, 422 for a bad name, part or encoding
   */
  static List<ManifestSource> sources(
      @Nullable String contentType, @Nullable String name, byte[] body) {
    if (contentType == null) {
      throw unsupported("the Content-Type header is missing");
    }
    String media = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (media.equals("multipart/form-data")) {
      if (name != null) {
        throw new ApiProblem(
            422, "invalid-name", "a multipart body names its sources by the parts' file names");
      }
      return parts(contentType, body);
    }
    if (!TEXT_TYPES.contains(media)) {
      throw unsupported("'" + media + "' is not one of them");
    }
    String sourceName = name == null ? DEFAULT_NAME : checkedName("the name parameter", name);
    return List.of(ManifestSource.TextSource.direct(sourceName, text(sourceName, body)));
  }

  private static List<ManifestSource> parts(String contentType, byte[] body) {
    Matcher boundaryMatch = BOUNDARY.matcher(contentType);
    if (!boundaryMatch.find()) {
      throw ApiProblem.badRequest(
          "multipart-invalid", "the multipart Content-Type has no boundary parameter");
    }
    String boundary =
        boundaryMatch.group(1) != null ? boundaryMatch.group(1) : boundaryMatch.group(2);
    // ISO-8859-1 maps every byte to one char, so offsets in the text are offsets in the body.
    String raw = new String(body, StandardCharsets.ISO_8859_1);
    String delimiter = "--" + boundary;
    int start = raw.indexOf(delimiter);
    if (start < 0) {
      throw ApiProblem.badRequest(
          "multipart-invalid", "the body has no part delimited by the boundary");
    }
    List<ManifestSource> sources = new ArrayList<>();
    int position = start + delimiter.length();
    while (!raw.startsWith("--", position)) {
      int headersStart = raw.indexOf("\r\n", position);
      int headersEnd = raw.indexOf("\r\n\r\n", position);
      int next = raw.indexOf("\r\n" + delimiter, position);
      if (headersStart < 0 || headersEnd < 0 || next < 0 || headersEnd > next) {
        throw ApiProblem.badRequest(
            "multipart-invalid", "part " + (sources.size() + 1) + " is not a complete part");
      }
      if (sources.size() == MAX_PARTS) {
        throw new ApiProblem(
            413, "too-many-parts", "send at most " + MAX_PARTS + " files in one request");
      }
      String headers = raw.substring(headersStart + 2, headersEnd);
      String name = fileName(headers, sources.size() + 1);
      byte[] content = raw.substring(headersEnd + 4, next).getBytes(StandardCharsets.ISO_8859_1);
      sources.add(ManifestSource.TextSource.direct(name, text(name, content)));
      position = next + 2 + delimiter.length();
    }
    if (sources.isEmpty()) {
      throw new ApiProblem(422, "invalid-part", "the multipart body has no part");
    }
    return List.copyOf(sources);
  }

  private static String fileName(String headers, int part) {
    for (String header : headers.split("\r\n")) {
      if (header.toLowerCase(Locale.ROOT).startsWith("content-disposition:")) {
        Matcher matcher = FILE_NAME.matcher(header);
        if (matcher.find()) {
          String name =
              new String(
                  matcher.group(1).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
          return checkedName("the file name of part " + part, name);
        }
      }
    }
    throw new ApiProblem(
        422,
        "invalid-part",
        "part "
            + part
            + " has no file name: give each part Content-Disposition: form-data;"
            + " name=\"file\"; filename=\"PATH\"");
  }

  private static String checkedName(String what, String name) {
    if (name.isBlank() || name.length() > MAX_NAME_LENGTH) {
      throw new ApiProblem(
          422, "invalid-name", what + " must have 1 to " + MAX_NAME_LENGTH + " characters");
    }
    if (name.codePoints().anyMatch(Character::isISOControl)) {
      throw new ApiProblem(422, "invalid-name", what + " must not contain control characters");
    }
    return name;
  }

  private static String text(String name, byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ApiProblem(422, "invalid-manifests", name + ": the manifests are not UTF-8 text");
    }
  }

  private static ApiProblem unsupported(String why) {
    return new ApiProblem(
        415,
        "unsupported-media-type",
        "send manifests as application/yaml, application/x-yaml, text/yaml, application/json or"
            + " multipart/form-data: "
            + why);
  }
}
