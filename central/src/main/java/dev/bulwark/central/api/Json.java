package dev.bulwark.central.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.http.Context;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.jspecify.annotations.Nullable;

/**
 * JSON in and out of the API: one strict mapper (unknown fields, trailing data and type coercions
 * are errors; times are RFC 3339 strings) and the reading of request bodies into records, with
 * every failure turned into the right problem: 415 for another content type, 413 for a body over
 * the limit, 400 for broken JSON, 422 for well-formed JSON of the wrong shape.
 */
public final class Json {
  /** The API's mapper. Thread-safe; never reconfigure it. */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          // a number or boolean where a string is expected is an error, not silently "5"
          .withCoercionConfig(
              LogicalType.Textual,
              config ->
                  config
                      .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
          .build();

  /** Reads one value of a body being streamed (more follow it, so no trailing-token check). */
  private static final ObjectReader VALUE_READER =
      MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Json() {}

  /**
   * The value at the parser's current token as a tree, leaving the parser on its last token: one
   * element of a body {@linkplain #stream streamed}.
   */
  public static JsonNode value(JsonParser parser) throws IOException {
    JsonNode value = VALUE_READER.readTree(parser);
    return value == null ? NullNode.getInstance() : value;
  }

  /**
   * The request body as a {@code type}, read up to the server's request size limit.
   *
   * @throws ApiProblem 415, 413, 400 or 422 with what to fix
   */
  public static <T> T read(Context ctx, Class<T> type) {
    requireJson(ctx);
    byte[] body = body(ctx, Requests.maxBodyBytes(ctx));
    if (body.length == 0) {
      throw ApiProblem.badRequest("body-missing", "this request needs a JSON body");
    }
    JsonNode tree;
    try {
      tree = MAPPER.readTree(body);
    } catch (StreamReadException | MismatchedInputException e) {
      // broken syntax, or a second value after the first: not JSON the API can read
      throw ApiProblem.badRequest(
          "invalid-json", "the body is not valid JSON: " + e.getOriginalMessage() + where(e));
    } catch (IOException e) {
      throw ApiProblem.badRequest("invalid-json", "the body cannot be read: " + e.getMessage());
    }
    T value;
    try {
      value = MAPPER.treeToValue(tree, type);
    } catch (UnrecognizedPropertyException e) {
      throw ApiProblem.invalid(
          pointer(e),
          "unknown field '"
              + e.getPropertyName()
              + "'; the fields are "
              + names(e.getKnownPropertyIds()));
    } catch (MismatchedInputException e) {
      throw ApiProblem.invalid(pointer(e), "must be " + expected(e));
    } catch (JsonProcessingException e) {
      throw ApiProblem.invalid("", e.getOriginalMessage());
    }
    if (value == null) {
      throw ApiProblem.invalid("", "the body must be a JSON object, not null");
    }
    return value;
  }

  /** Reads a request body token by token (the parser is at the body's first token). */
  @FunctionalInterface
  public interface StreamReader<T> {
    /**
     * @throws ApiProblem for well-formed JSON of the wrong shape (a 422 with the field's pointer)
     * @throws IOException when reading fails; syntax errors become a 400 with their location
     */
    T read(JsonParser parser) throws IOException;
  }

  /**
   * The request body read as it arrives, for bodies too large to hold twice (as bytes and as a
   * tree): the same checks as {@link #read} (415, 413 once more than the limit has arrived, 400 for
   * broken JSON, duplicate keys or trailing data), the shape is {@code reader}'s to check.
   */
  public static <T> T stream(Context ctx, StreamReader<T> reader) {
    requireJson(ctx);
    int limit = Requests.maxBodyBytes(ctx);
    try (InputStream in = new BoundedInputStream(decoded(ctx), limit);
        JsonParser parser = MAPPER.createParser(in)) {
      if (parser.nextToken() == null) {
        throw ApiProblem.badRequest("body-missing", "this request needs a JSON body");
      }
      T value = reader.read(parser);
      if (parser.nextToken() != null) {
        throw ApiProblem.badRequest(
            "invalid-json",
            "the body is not valid JSON: trailing data after its value"
                + where(parser.currentLocation()));
      }
      return value;
    } catch (BoundedInputStream.TooLarge e) {
      throw tooLarge(limit);
    } catch (StreamReadException e) {
      throw ApiProblem.badRequest(
          "invalid-json",
          "the body is not valid JSON: " + e.getOriginalMessage() + where(e.getLocation()));
    } catch (IOException e) {
      throw ApiProblem.badRequest(
          "body-unreadable", "the body could not be read: " + e.getMessage());
    }
  }

  /**
   * The body as sent, inflated when its {@code Content-Encoding} is gzip (a large resync shrinks
   * tenfold). The size limit applies to what is read from this stream, the inflated bytes, so a
   * small compressed body cannot expand past it.
   */
  private static InputStream decoded(Context ctx) throws IOException {
    String encoding = ctx.header("Content-Encoding");
    if (encoding == null || encoding.isBlank() || encoding.strip().equalsIgnoreCase("identity")) {
      return ctx.bodyInputStream();
    }
    if (!encoding.strip().equalsIgnoreCase("gzip")) {
      throw new ApiProblem(
          415,
          "unsupported-media-type",
          "the body's Content-Encoding '"
              + encoding.strip()
              + "' is not supported; send it as gzip or uncompressed");
    }
    try {
      return new GZIPInputStream(ctx.bodyInputStream(), 64 * 1024);
    } catch (ZipException | EOFException e) {
      throw ApiProblem.badRequest(
          "body-unreadable",
          "the body is not gzip, as its Content-Encoding says: " + e.getMessage());
    }
  }

  private static void requireJson(Context ctx) {
    String contentType = ctx.header("Content-Type");
    if (contentType == null || !isJson(contentType)) {
      throw new ApiProblem(
          415,
          "unsupported-media-type",
          "send the body as JSON with 'Content-Type: application/json'"
              + (contentType == null ? " (the header is missing)" : ", not '" + contentType + "'"));
    }
  }

  /** Whether the media type is JSON: {@code application/json} or {@code application/*+json}. */
  static boolean isJson(String contentType) {
    String media = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return media.equals("application/json")
        || (media.startsWith("application/") && media.endsWith("+json"));
  }

  private static byte[] body(Context ctx, int limit) {
    try (InputStream in = decoded(ctx)) {
      byte[] body = in.readNBytes(limit + 1);
      if (body.length > limit) {
        throw tooLarge(limit);
      }
      return body;
    } catch (IOException e) {
      throw ApiProblem.badRequest(
          "body-unreadable", "the body could not be read: " + e.getMessage());
    }
  }

  /** 413 for a body over {@code limit} bytes. */
  public static ApiProblem tooLarge(long limit) {
    return new ApiProblem(
        413,
        "body-too-large",
        "the body is larger than this server's limit of " + limit + " bytes");
  }

  private static String where(JsonProcessingException e) {
    return where(e.getLocation());
  }

  private static String where(@Nullable JsonLocation location) {
    return location == null
        ? ""
        : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }

  private static String pointer(JsonMappingException e) {
    StringBuilder pointer = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      pointer.append('/');
      pointer.append(
          reference.getFieldName() != null
              ? reference.getFieldName().replace("~", "~0").replace("/", "~1")
              : String.valueOf(reference.getIndex()));
    }
    return pointer.toString();
  }

  private static String expected(MismatchedInputException e) {
    Class<?> target = e.getTargetType();
    if (target == null) {
      return "of another type";
    }
    if (e instanceof InvalidFormatException && target == Instant.class) {
      return "an RFC 3339 time with a zone, e.g. 2030-01-31T12:00:00Z";
    }
    if (target == String.class) {
      return "a string";
    }
    if (target == UUID.class) {
      return "a UUID string";
    }
    if (target == Instant.class) {
      return "an RFC 3339 time string, e.g. 2030-01-31T12:00:00Z";
    }
    if (target == Integer.class
        || target == int.class
        || target == Long.class
        || target == long.class) {
      return "a whole number";
    }
    if (target == Boolean.class || target == boolean.class) {
      return "true or false";
    }
    if (Collection.class.isAssignableFrom(target) || target.isArray()) {
      return "an array";
    }
    if (target.isEnum()) {
      return "one of " + names(java.util.Arrays.asList(target.getEnumConstants()));
    }
    return "a JSON object";
  }

  private static String names(Collection<?> names) {
    return names.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
  }
}
