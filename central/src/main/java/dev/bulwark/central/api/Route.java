package dev.bulwark.central.api;

import dev.bulwark.central.auth.Permission;
import io.javalin.http.Handler;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A registered endpoint: where, who may call it, what it takes and returns (for the OpenAPI
 * document), and its handler. Built by {@link RouteBuilder}.
 *
 * @param tag the group in the API description (the registering feature)
 * @param body the name of the request body's schema; null when the route takes none
 */
public record Route(
    HttpMethod method,
    String path,
    Permission permission,
    String tag,
    String operationId,
    String summary,
    @Nullable String description,
    List<Parameter> parameters,
    @Nullable String body,
    List<Response> responses,
    Handler handler) {
  public Route {
    parameters = List.copyOf(parameters);
    responses = List.copyOf(responses);
  }

  /** Where a parameter is. */
  public enum In {
    PATH,
    QUERY
  }

  /**
   * A path or query parameter.
   *
   * @param type the JSON Schema type: {@code string}, {@code integer} or {@code boolean}
   * @param format a JSON Schema format such as {@code uuid}; null for none
   */
  public record Parameter(
      String name, In in, String type, @Nullable String format, String description) {}

  /**
   * A documented response.
   *
   * @param schema the body's schema name; null for no body, or a problem when {@code problem}
   * @param page whether the body is a {@link Page} of {@code schema}
   * @param problem whether the body is a problem details document
   */
  public record Response(
      int status, @Nullable String schema, boolean page, boolean problem, String description) {}

  /** The names of the path's parameters, {@code {name}} in the path. */
  public List<String> pathParameterNames() {
    return java.util.regex.Pattern.compile("\\{([^}/]+)}")
        .matcher(path)
        .results()
        .map(match -> match.group(1))
        .toList();
  }
}
