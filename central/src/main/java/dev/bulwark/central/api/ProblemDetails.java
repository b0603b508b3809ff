package dev.bulwark.central.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An error response body: RFC 9457 problem details ({@code application/problem+json}).
 *
 * @param type {@code urn:bulwark:problem:<code>}, the stable identifier clients switch on
 * @param title the HTTP status phrase
 * @param detail what went wrong in this request and what to do about it
 * @param instance the request path
 * @param errors for 422, each invalid field
 * @param incident for 500, the id under which the server logged the failure
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemDetails(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    @Nullable List<FieldError> errors,
    @Nullable String incident) {
  /** The prefix of every problem type. */
  public static final String TYPE_PREFIX = "urn:bulwark:problem:";
}
