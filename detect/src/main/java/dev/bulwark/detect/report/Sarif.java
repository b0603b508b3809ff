package dev.bulwark.detect.report;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The parts of a SARIF 2.1.0 log that every command's SARIF output shares: the log with its one run
 * and the bulwark tool driver, messages, physical locations with percent-encoded artifact URIs,
 * tool notifications and fingerprints. Stateless and thread-safe.
 */
public final class Sarif {
  /** The key of bulwark's partial fingerprints; the version changes when their input does. */
  public static final String FINGERPRINT_KEY = "bulwark/v1";

  // Characters a URI path may hold unescaped (RFC 3986 pchar and '/'), minus ':', which in the
  // first segment of a relative reference would read as a scheme.
  private static final String PATH_CHARACTERS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=@/";

  private Sarif() {}

  /** Writes part of a log. */
  @FunctionalInterface
  public interface Part {
    void write(JsonGenerator json) throws IOException;
  }

  /**
   * Writes a whole log with one run of bulwark.
   *
   * @param rules writes the rule objects, inside the driver's {@code rules} array
   * @param run writes the run's other members ({@code invocations}, {@code results}...)
   */
  public static void write(Writer out, String toolVersion, Part rules, Part run)
      throws IOException {
    JsonGenerator json = JsonOutput.open(out);
    json.writeStartObject();
    json.writeStringField("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    json.writeStringField("version", "2.1.0");
    json.writeArrayFieldStart("runs");
    json.writeStartObject();
    json.writeObjectFieldStart("tool");
    json.writeObjectFieldStart("driver");
    json.writeStringField("name", "bulwark");
    json.writeStringField("version", toolVersion);
    json.writeStringField("informationUri", "https://bulwark.dev");
    json.writeArrayFieldStart("rules");
    rules.write(json);
    json.writeEndArray();
    json.writeEndObject();
    json.writeEndObject();
    run.write(json);
    json.writeEndObject();
    json.writeEndArray();
    json.writeEndObject();
    JsonOutput.close(json);
  }

  /** A message object ({@code {"text": ...}}) under {@code field}. */
  public static void message(JsonGenerator json, String field, String text) throws IOException {
    json.writeObjectFieldStart(field);
    json.writeStringField("text", text);
    json.writeEndObject();
  }

  /**
   * A tool execution notification, located in {@code file} when it is not empty.
   *
   * @param line 1-based, or 0 for none; {@code column} likewise
   */
  public static void notification(
      JsonGenerator json, String level, String message, String file, int line, int column)
      throws IOException {
    json.writeStartObject();
    json.writeStringField("level", level);
    message(json, "message", message);
    if (!file.isEmpty()) {
      json.writeArrayFieldStart("locations");
      json.writeStartObject();
      physicalLocation(json, file, line, column);
      json.writeEndObject();
      json.writeEndArray();
    }
    json.writeEndObject();
  }

  /**
   * A physical location in {@code file}, with a region when {@code line} is positive.
   *
   * @param column 1-based, or 0 for none
   */
  public static void physicalLocation(JsonGenerator json, String file, int line, int column)
      throws IOException {
    json.writeObjectFieldStart("physicalLocation");
    json.writeObjectFieldStart("artifactLocation");
    json.writeStringField("uri", artifactUri(file));
    json.writeEndObject();
    if (line > 0) {
      json.writeObjectFieldStart("region");
      json.writeNumberField("startLine", line);
      if (column > 0) {
        json.writeNumberField("startColumn", column);
      }
      json.writeEndObject();
    }
    json.writeEndObject();
  }

  /**
   * {@code file} as a relative URI reference: forward slashes, and every byte outside the URI path
   * characters percent-encoded as UTF-8.
   */
  public static String artifactUri(String file) {
    StringBuilder uri = new StringBuilder();
    for (byte octet : file.replace('\\', '/').getBytes(StandardCharsets.UTF_8)) {
      char character = (char) (octet & 0xFF);
      if (PATH_CHARACTERS.indexOf(character) >= 0) {
        uri.append(character);
      } else {
        uri.append('%').append(HexFormat.of().withUpperCase().toHexDigits(octet));
      }
    }
    return uri.toString();
  }

  /** The hexadecimal SHA-256 of the parts joined by NUL characters, for partial fingerprints. */
  public static String fingerprint(List<String> parts) {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
    byte[] identity = String.join("\0", parts).getBytes(StandardCharsets.UTF_8);
    return HexFormat.of().formatHex(sha256.digest(identity));
  }
}
