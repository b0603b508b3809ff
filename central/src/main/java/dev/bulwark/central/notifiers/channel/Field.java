package dev.bulwark.central.notifiers.channel;

import java.util.List;

/**
 * One setting of a notifier type.
 *
 * @param name its name in {@code settings} (or {@code secrets} when secret)
 * @param kind what it holds
 * @param required whether a notifier must have it
 * @param secret whether it is a secret: accepted only in {@code secrets}, stored sealed, never
 *     returned
 * @param choices the allowed values of a {@link FieldKind#CHOICE}; empty otherwise
 * @param description what it is, for the documentation
 */
public record Field(
    String name,
    FieldKind kind,
    boolean required,
    boolean secret,
    List<String> choices,
    String description) {
  public Field {
    choices = List.copyOf(choices);
    if ((kind == FieldKind.CHOICE) == choices.isEmpty()) {
      throw new IllegalArgumentException(name + ": choices are for CHOICE fields only");
    }
  }

  static Field required(String name, FieldKind kind, String description) {
    return new Field(name, kind, true, false, List.of(), description);
  }

  static Field optional(String name, FieldKind kind, String description) {
    return new Field(name, kind, false, false, List.of(), description);
  }

  static Field secret(String name, boolean required, String description) {
    return new Field(name, FieldKind.TEXT, required, true, List.of(), description);
  }

  static Field secretUrl(String name, String description) {
    return new Field(name, FieldKind.HTTPS_URL, true, true, List.of(), description);
  }

  static Field choice(String name, List<String> choices, String description) {
    return new Field(name, FieldKind.CHOICE, false, false, choices, description);
  }
}
