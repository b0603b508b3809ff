package dev.bulwark.policy.check;

import dev.bulwark.core.manifest.FieldPath;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Labels or annotations an organisation requires (an owner, a contact) or forbids (an operator
 * switch it does not want). An entry matches when its key matches the {@code key} expression and
 * its value the {@code value} expression; both are RE2 expressions matching the whole text, and a
 * leading {@code !} matches what the rest does not.
 */
final class MetadataEntryCheck implements NativeCheck {
  static final String KEY = "key";
  static final String VALUE = "value";

  /** Which metadata map the check reads. */
  enum Field {
    LABEL("labels"),
    ANNOTATION("annotations");

    private final String key;

    Field(String key) {
      this.key = key;
    }
  }

  /** Whether an entry must be present or must be absent. */
  enum Mode {
    REQUIRED,
    FORBIDDEN
  }

  private final Field field;
  private final Mode mode;

  MetadataEntryCheck(Field field, Mode mode) {
    this.field = field;
    this.mode = mode;
  }

  @Override
  public String id() {
    return mode.name().toLowerCase(Locale.ROOT) + "-" + field.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String summary() {
    String noun = field.name().toLowerCase(Locale.ROOT);
    return mode == Mode.REQUIRED
        ? "The object has no " + noun + " whose key and value match the expressions."
        : "The object has a " + noun + " whose key and value match the expressions.";
  }

  @Override
  public Target target() {
    return Target.OBJECTS;
  }

  @Override
  public List<CheckParameter> parameters() {
    return List.of(
        CheckParameter.required(KEY, "RE2 expression for the key.", "owner"),
        new CheckParameter(VALUE, "RE2 expression for the value.", "any value"),
        ObjectKinds.parameter());
  }

  @Override
  public CheckEvaluator bind(Map<String, String> parameters) throws InvalidCheckParameterException {
    TextMatcher key = TextMatcher.compile(KEY, Parameters.required(parameters, KEY));
    TextMatcher value = TextMatcher.compile(VALUE, parameters.get(VALUE));
    ObjectKinds kinds = ObjectKinds.read(parameters);
    String wanted = key.source() + (value.matchesAny() ? "" : "=" + value.source());
    String noun = field.name().toLowerCase(Locale.ROOT);
    return (CheckEvaluator.PerObject)
        (object, workload, findings) -> {
          if (!kinds.includes(object, workload)) {
            return;
          }
          Map<String, String> entries = object.metadata().stringMap(field.key);
          String subject = object.kind() + " \"" + object.name() + "\" ";
          boolean found = false;
          for (Map.Entry<String, String> entry : entries.entrySet()) {
            if (key.matches(entry.getKey()) && value.matches(entry.getValue())) {
              found = true;
              if (mode == Mode.FORBIDDEN) {
                findings.violation(
                    subject + "has " + noun + " " + entry.getKey() + ", which matches " + wanted,
                    FieldPath.of("metadata", field.key, entry.getKey()));
              }
            }
          }
          if (mode == Mode.REQUIRED && !found) {
            findings.violation(
                subject + "has no " + noun + " matching " + wanted, FieldPath.of("metadata"));
          }
        };
  }
}
