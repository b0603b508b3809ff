package dev.bulwark.central.exceptions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.central.api.ApiProblem;
import dev.bulwark.central.api.FieldError;
import dev.bulwark.central.api.Json;
import dev.bulwark.policy.exception.ExceptionReader;
import dev.bulwark.policy.exception.InvalidExceptionException;
import dev.bulwark.policy.exception.PolicyException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Converts between exception JSON and {@link PolicyException}. Reading goes through the policy
 * library's {@link ExceptionReader}, so a body is valid exactly when the same object would be valid
 * as an entry of a CLI {@code --exceptions} file. Stateless.
 */
public final class ExceptionDocuments {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ExceptionDocuments() {}

  /**
   * The exception of a request body: one entry of an exceptions file ({@code name}, {@code
   * policies}, {@code categories}, {@code scope}, {@code owner}, {@code reason}, {@code ticket},
   * {@code expires}) or one {@code PolicyException} resource.
   *
   * @param origin names the exception for the library ({@link PolicyException#file()})
   * @throws ApiProblem 422 naming every invalid field as a JSON pointer into the body
   */
  static PolicyException read(JsonNode body, String origin) {
    if (!(body instanceof ObjectNode object)) {
      throw ApiProblem.invalid("", "the body must be an exception as a JSON object");
    }
    boolean resource = object.has("kind") || object.has("apiVersion");
    // An entry is read as the one item of an exceptions list, the form the reader knows; its
    // field paths stay relative to the entry.
    JsonNode document =
        resource ? object : NODES.objectNode().set("exceptions", NODES.arrayNode().add(object));
    List<PolicyException> read;
    try {
      read = ExceptionReader.parse(document.toString(), origin);
    } catch (InvalidExceptionException e) {
      List<FieldError> errors = new ArrayList<>();
      for (InvalidExceptionException.Problem problem : e.problems()) {
        errors.add(new FieldError(pointer(problem.field()), problem.reason()));
      }
      throw ApiProblem.invalid(errors);
    }
    return read.getFirst();
  }

  /** A stored exception's JSON. */
  static JsonNode parse(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("central writes exceptions as JSON", e);
    }
  }

  /** The exception as central stores and shows it (the fields of an exceptions file entry). */
  public static ObjectNode write(PolicyException exception) {
    ObjectNode out = NODES.objectNode();
    out.put("name", exception.name());
    exception.policies().forEach(out.putArray("policies")::add);
    exception.categories().forEach(out.putArray("categories")::add);
    ObjectNode scope = out.putObject("scope");
    if (exception.cluster() != null) {
      scope.put("cluster", exception.cluster());
    }
    exception.namespaces().forEach(scope.putArray("namespaces")::add);
    ObjectNode labels = scope.putObject("labels");
    exception.labels().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(label -> labels.put(label.getKey(), label.getValue()));
    exception.workloads().forEach(scope.putArray("workloads")::add);
    exception.images().forEach(scope.putArray("images")::add);
    out.put("owner", exception.owner());
    out.put("reason", exception.reason());
    if (exception.ticket() != null) {
      out.put("ticket", exception.ticket());
    }
    if (exception.expires() != null) {
      out.put("expires", exception.expires().toString());
    }
    return out;
  }

  /**
   * A library field path ({@code scope.namespaces[0]}, {@code scope.labels['app.kubernetes.io']})
   * as a JSON pointer ({@code /scope/namespaces/0}).
   */
  static String pointer(String field) {
    StringBuilder pointer = new StringBuilder();
    int at = 0;
    while (at < field.length()) {
      char next = field.charAt(at);
      if (next == '.') {
        at++;
      } else if (field.startsWith("['", at)) {
        int end = field.indexOf("']", at + 2);
        while (end > 0 && field.charAt(end - 1) == '\\') {
          end = field.indexOf("']", end + 1);
        }
        if (end < 0) {
          end = field.length();
        }
        segment(pointer, field.substring(at + 2, end).replace("\\'", "'"));
        at = end + 2;
      } else if (next == '[') {
        int end = field.indexOf(']', at);
        segment(pointer, field.substring(at + 1, end < 0 ? field.length() : end));
        at = end < 0 ? field.length() : end + 1;
      } else {
        int end = at;
        while (end < field.length() && field.charAt(end) != '.' && field.charAt(end) != '[') {
          end++;
        }
        segment(pointer, field.substring(at, end));
        at = end;
      }
    }
    return pointer.toString();
  }

  private static void segment(StringBuilder pointer, String key) {
    pointer.append('/').append(key.replace("~", "~0").replace("/", "~1"));
  }
}
