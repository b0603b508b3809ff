package dev.bulwark.central.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A request that cannot be served as asked: thrown by handlers, answered as RFC 9457 problem
 * details with the status, a stable code (the problem type is {@code urn:bulwark:problem:<code>})
 * and a message that tells the caller what to change. Never used for server faults, which are 500s
 * with an incident id.
 */
public final class ApiProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private static final Map<Integer, String> TITLES =
      Map.ofEntries(
          Map.entry(400, "Bad Request"),
          Map.entry(401, "Unauthorized"),
          Map.entry(403, "Forbidden"),
          Map.entry(404, "Not Found"),
          Map.entry(405, "Method Not Allowed"),
          Map.entry(409, "Conflict"),
          Map.entry(413, "Content Too Large"),
          Map.entry(414, "URI Too Long"),
          Map.entry(415, "Unsupported Media Type"),
          Map.entry(422, "Unprocessable Content"),
          Map.entry(429, "Too Many Requests"),
          Map.entry(431, "Request Header Fields Too Large"),
          Map.entry(500, "Internal Server Error"),
          Map.entry(501, "Not Implemented"),
          Map.entry(503, "Service Unavailable"),
          Map.entry(504, "Gateway Timeout"),
          Map.entry(505, "HTTP Version Not Supported"));

  private final int status;
  private final String code;
  private final String detail;
  private final List<FieldError> errors;
  private final Map<String, String> headers;

  /**
   * @param code lower-case words joined by hyphens, e.g. {@code invalid-parameter}
   * @param detail what is wrong and what to do
   */
  public ApiProblem(int status, String code, String detail) {
    this(status, code, detail, List.of(), Map.of());
  }

  private ApiProblem(
      int status,
      String code,
      String detail,
      List<FieldError> errors,
      Map<String, String> headers) {
    super(detail);
    if (!TITLES.containsKey(status)) {
      throw new IllegalArgumentException("no problem title for status " + status);
    }
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.errors = List.copyOf(errors);
    this.headers = Map.copyOf(headers);
  }

  /** 400: a parameter is malformed. */
  public static ApiProblem badRequest(String code, String detail) {
    return new ApiProblem(400, code, detail);
  }

  /** 404: the resource does not exist. */
  public static ApiProblem notFound(String detail) {
    return new ApiProblem(404, "not-found", detail);
  }

  /** 409: the request conflicts with the current state (a taken name, the last admin token). */
  public static ApiProblem conflict(String detail) {
    return new ApiProblem(409, "conflict", detail);
  }

  /** 422: the body is well-formed JSON, but these fields are invalid. */
  public static ApiProblem invalid(List<FieldError> errors) {
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("a validation problem names at least one field");
    }
    String detail =
        errors.size() == 1
            ? "the body is invalid at '"
                + errors.getFirst().pointer()
                + "': "
                + errors.getFirst().detail()
            : "the body is invalid in " + errors.size() + " places (see errors)";
    return new ApiProblem(422, "validation-failed", detail, errors, Map.of());
  }

  /** 422 for one field. */
  public static ApiProblem invalid(String pointer, String detail) {
    return invalid(List.of(new FieldError(pointer, detail)));
  }

  /** This problem with an extra response header (e.g. {@code WWW-Authenticate} on a 401). */
  public ApiProblem withHeader(String name, String value) {
    Map<String, String> more = new HashMap<>(headers);
    more.put(name, value);
    return new ApiProblem(status, code, detail, errors, more);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public Map<String, String> headers() {
    return headers;
  }

  /** The body of the response, for the request at {@code path}. */
  public ProblemDetails details(String path, @Nullable String incident) {
    return new ProblemDetails(
        ProblemDetails.TYPE_PREFIX + code,
        TITLES.getOrDefault(status, "Error"),
        status,
        detail,
        path,
        errors.isEmpty() ? null : errors,
        incident);
  }
}
