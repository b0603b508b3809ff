package dev.bulwark.central.notifiers.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.central.secrets.Secret;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A notifier's validated settings and opened secrets, with typed reads. Immutable; {@link
 * #toString()} shows no secret.
 *
 * @param settings the settings (no secrets), validated against the type's fields
 * @param secrets the secrets by field name
 */
public record Configuration(ObjectNode settings, Map<String, Secret> secrets) {
  public Configuration {
    settings = settings.deepCopy();
    secrets = Map.copyOf(secrets);
  }

  /** A text setting; empty when not set. */
  public Optional<String> text(String name) {
    JsonNode value = settings.get(name);
    return value == null || !value.isTextual() ? Optional.empty() : Optional.of(value.asText());
  }

  /** A text setting, or {@code fallback}. */
  public String text(String name, String fallback) {
    return text(name).orElse(fallback);
  }

  /** A number setting, or {@code fallback}. */
  public int integer(String name, int fallback) {
    JsonNode value = settings.get(name);
    return value == null || !value.isInt() ? fallback : value.asInt();
  }

  /** An object of strings (headers, priorities); empty when not set. */
  public Map<String, String> map(String name) {
    JsonNode value = settings.get(name);
    Map<String, String> map = new LinkedHashMap<>();
    if (value != null && value.isObject()) {
      value.properties().forEach(entry -> map.put(entry.getKey(), entry.getValue().asText()));
    }
    return map;
  }

  /** A secret; null when not set. */
  public @Nullable Secret secret(String name) {
    return secrets.get(name);
  }

  /** Every secret's value, to scrub from error messages. */
  public Iterable<Secret> allSecrets() {
    return secrets.values();
  }

  @Override
  public String toString() {
    return "Configuration[settings=" + settings + ", secrets=" + secrets.keySet() + "]";
  }
}
