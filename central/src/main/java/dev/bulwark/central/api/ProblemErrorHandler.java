package dev.bulwark.central.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * Answers the errors Jetty raises itself, before any of central's handlers sees the request, as
 * problem details instead of Jetty's HTML page: a request line or header that does not parse (400),
 * an oversized URI (414) or header block (431), a body Jetty refuses, an unsupported HTTP version.
 * Install it as the server's and the servlet context's error handler. Thread-safe.
 */
public final class ProblemErrorHandler extends ErrorHandler {
  /** Problems go out whatever the method (Jetty's default writes pages for GET and POST only). */
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      @Nullable String message,
      @Nullable Throwable cause,
      Callback callback) {
    ApiProblem problem = problem(code, request);
    String path = pathOf(request);
    byte[] body;
    try {
      body = Json.MAPPER.writeValueAsBytes(problem.details(path, null));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("problem details always serialise", e);
    }
    response.setStatus(problem.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Routes.PROBLEM_JSON);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  /** The problem for a status Jetty chose; the detail says what to change where it can. */
  static ApiProblem problem(int status, Request request) {
    return switch (status) {
      case HttpStatus.URI_TOO_LONG_414 ->
          new ApiProblem(
              414, "uri-too-long", "the request's URI is longer than this server accepts");
      case HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431 ->
          new ApiProblem(
              431,
              "headers-too-large",
              "the request's headers are larger than this server accepts");
      case HttpStatus.PAYLOAD_TOO_LARGE_413 ->
          new ApiProblem(413, "body-too-large", "the body is larger than this server accepts");
      case HttpStatus.NOT_FOUND_404 ->
          ApiProblem.notFound(
              "there is no endpoint "
                  + request.getMethod()
                  + " "
                  + pathOf(request)
                  + "; the API is described at /v1/openapi.json");
      case HttpStatus.METHOD_NOT_ALLOWED_405 ->
          new ApiProblem(
              405,
              "method-not-allowed",
              request.getMethod() + " is not allowed here; see /v1/openapi.json for the methods");
      case HttpStatus.NOT_IMPLEMENTED_501 ->
          new ApiProblem(501, "not-implemented", "this server does not implement the request");
      case HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505 ->
          new ApiProblem(
              505, "http-version-not-supported", "use HTTP/1.1 or HTTP/2 to talk to this server");
      case HttpStatus.SERVICE_UNAVAILABLE_503 ->
          new ApiProblem(503, "unavailable", "the server is stopping or busy; retry later");
      default ->
          status >= 500
              ? new ApiProblem(
                  500, "internal-error", "the server failed to handle the request; retry later")
              : ApiProblem.badRequest(
                  "bad-request",
                  "the request is malformed (HTTP "
                      + status
                      + "): check its request line, URI encoding and headers");
    };
  }

  /** The request's path as sent; empty when there is none (a request line that did not parse). */
  private static String pathOf(Request request) {
    HttpURI uri = request.getHttpURI();
    String path = uri == null ? null : uri.getPath();
    return path == null ? "" : path;
  }
}
