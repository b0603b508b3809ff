package dev.bulwark.scanner.analyzer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** JSON parsing with limits on nesting and string sizes, for untrusted manifests. */
public final class Json {
  private static final ObjectMapper MAPPER =
      new ObjectMapper(
          JsonFactory.builder()
              .streamReadConstraints(
                  StreamReadConstraints.builder()
                      .maxNestingDepth(64)
                      .maxStringLength(1 << 20)
                      .maxNumberLength(100)
                      .build())
              .build());

  private Json() {}

  /**
   * The JSON document in the bytes.
   *
   * @throws MalformedContentException when the bytes are not JSON or exceed a limit
   */
  public static JsonNode parse(byte[] bytes) throws MalformedContentException {
    try {
      return MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new MalformedContentException("not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new MalformedContentException("not valid JSON: " + e);
    }
  }

  /** The file's JSON document, reading at most {@code maximum} bytes. */
  public static JsonNode parse(AnalyzedFile file, int maximum) throws IOException {
    if (file.size() > maximum) {
      throw new MalformedContentException(
          "larger than the " + maximum + " bytes this analyzer reads; skipped");
    }
    try (var in = file.open()) {
      return parse(Content.readAtMost(in, maximum));
    }
  }

  /** The text of a string member, or empty when absent or not a string. */
  public static String text(JsonNode node, String member) {
    JsonNode value = node.get(member);
    return value != null && value.isTextual() ? value.asText() : "";
  }
}
