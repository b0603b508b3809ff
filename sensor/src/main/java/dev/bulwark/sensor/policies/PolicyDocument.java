package dev.bulwark.sensor.policies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.policy.exception.ExceptionReader;
import dev.bulwark.policy.exception.PolicyException;
import dev.bulwark.policy.io.PolicyReader;
import dev.bulwark.policy.model.Policy;
import java.io.IOException;
import java.util.List;

/**
 * Reads central's answer to {@code GET /v1/clusters/{id}/policies}: {@code {"fingerprint": ...,
 * "policies": {"policies": [...]}, "exceptions": [...]}}, the policies as a StackRox export bundle
 * with Bulwark's extensions and the exceptions as entries of an exceptions file. Stateless.
 */
public final class PolicyDocument {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private PolicyDocument() {}

  /**
   * Parses a body.
   *
   * @throws IllegalArgumentException when it is not central's format, or a policy or exception in
   *     it is invalid (the message says which)
   */
  public static PolicySet parse(byte[] body, String origin) {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException(origin + ": not JSON: " + e.getMessage(), e);
    }
    if (root == null
        || !root.path("fingerprint").isTextual()
        || !root.path("policies").path("policies").isArray()
        || !root.path("exceptions").isArray()) {
      throw new IllegalArgumentException(
          origin
              + ": expected {\"fingerprint\", \"policies\": {\"policies\": [...]},"
              + " \"exceptions\": [...]}");
    }
    List<Policy> policies =
        root.path("policies").path("policies").isEmpty()
            ? List.of()
            : PolicyReader.parse(root.path("policies").toString(), origin);
    List<PolicyException> exceptions = List.of();
    if (!root.path("exceptions").isEmpty()) {
      ObjectNode file = MAPPER.createObjectNode();
      file.set("exceptions", root.path("exceptions"));
      exceptions = ExceptionReader.parse(file.toString(), origin);
    }
    return new PolicySet(root.path("fingerprint").asText(), policies, exceptions);
  }
}
