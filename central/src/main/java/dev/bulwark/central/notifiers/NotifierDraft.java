package dev.bulwark.central.notifiers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.central.notifiers.channel.NotifierType;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A validated notifier to create, or to replace one with.
 *
 * @param secrets secret values by field name; on a replacement, a secret left out keeps its value
 */
public record NotifierDraft(
    String name,
    NotifierType type,
    ObjectNode settings,
    Map<String, String> secrets,
    @Nullable String targetAnnotation) {
  public NotifierDraft {
    settings = settings.deepCopy();
    secrets = Map.copyOf(secrets);
  }

  @Override
  public String toString() {
    return "NotifierDraft[" + name + ", " + type + ", secrets " + secrets.keySet() + "]";
  }
}
