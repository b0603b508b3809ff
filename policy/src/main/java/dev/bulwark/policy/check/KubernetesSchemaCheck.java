package dev.bulwark.policy.check;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.ListNode;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import dev.bulwark.core.manifest.ScalarNode;
import dev.bulwark.core.text.Suggestions;
import dev.bulwark.policy.check.KubernetesSchema.FieldType;
import dev.bulwark.policy.check.KubernetesSchema.ListOf;
import dev.bulwark.policy.check.KubernetesSchema.MapOf;
import dev.bulwark.policy.check.KubernetesSchema.Named;
import dev.bulwark.policy.check.KubernetesSchema.ObjectType;
import dev.bulwark.policy.check.KubernetesSchema.Scalar;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Objects that the Kubernetes API server would refuse to store: unknown fields (in strict mode),
 * values of the wrong type, required fields left out, malformed quantities and base64 data, judged
 * against the Kubernetes API schema Bulwark ships (see {@link KubernetesSchema}). Each problem is
 * reported at its own field. Kinds the schema does not know, such as custom resources, are skipped
 * unless {@code ignoreMissingSchemas} is false. {@code null} is accepted everywhere, as the API
 * server reads it as "not set".
 */
final class KubernetesSchemaCheck implements NativeCheck {
  static final String STRICT = "strict";
  static final String IGNORE_MISSING_SCHEMAS = "ignoreMissingSchemas";
  static final String SKIP_KINDS = "skipKinds";
  static final String REJECT_KINDS = "rejectKinds";

  /**
   * The quantity syntax of Kubernetes: a decimal number and a binary, decimal or exponent suffix.
   */
  private static final Pattern QUANTITY =
      Pattern.compile(
          "[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?[0-9]+)?");

  @Override
  public String id() {
    return "kubernetes-schema";
  }

  @Override
  public String summary() {
    return "The object does not match the Kubernetes API schema of its kind: an unknown field, a"
        + " value of the wrong type, a missing required field, or a malformed quantity or base64"
        + " value.";
  }

  @Override
  public Target target() {
    return Target.OBJECTS;
  }

  @Override
  public List<CheckParameter> parameters() {
    return List.of(
        new CheckParameter(
            STRICT,
            "Whether fields the schema does not define are reported (true or false).",
            "true"),
        new CheckParameter(
            IGNORE_MISSING_SCHEMAS,
            "Whether objects of kinds the schema does not know, such as custom resources, pass"
                + " (true) or are reported (false).",
            "true"),
        new CheckParameter(
            SKIP_KINDS,
            "Kinds not validated, as Kind or apiVersion/Kind (comma-separated).",
            "none"),
        new CheckParameter(
            REJECT_KINDS,
            "Kinds always reported, as Kind or apiVersion/Kind (comma-separated).",
            "none"));
  }

  @Override
  public CheckEvaluator bind(Map<String, String> parameters) throws InvalidCheckParameterException {
    boolean strict = Parameters.bool(parameters, STRICT, true);
    boolean ignoreMissing = Parameters.bool(parameters, IGNORE_MISSING_SCHEMAS, true);
    Set<String> skipped = Set.copyOf(Parameters.list(parameters, SKIP_KINDS, List.of()));
    Set<String> rejected = Set.copyOf(Parameters.list(parameters, REJECT_KINDS, List.of()));
    KubernetesSchema schema = KubernetesSchema.bundled();
    return (CheckEvaluator.PerObject)
        (object, workload, findings) -> {
          if (named(object, rejected)) {
            findings.violation(
                object.kind() + " objects are rejected by this policy", FieldPath.of("kind"));
            return;
          }
          if (named(object, skipped)) {
            return;
          }
          ObjectType type = schema.typeOf(object.apiVersion(), object.kind());
          if (type != null) {
            new Walk(schema, strict, findings).object(object.root(), type, FieldPath.ROOT);
          } else if (!ignoreMissing) {
            findings.violation(
                "Kubernetes "
                    + schema.kubernetesVersion()
                    + " has no schema for "
                    + object.kind()
                    + " in "
                    + object.apiVersion(),
                FieldPath.of("apiVersion"));
          }
        };
  }

  private static boolean named(ManifestObject object, Set<String> kinds) {
    return !kinds.isEmpty()
        && (kinds.contains(object.kind())
            || kinds.contains(object.apiVersion() + "/" + object.kind()));
  }

  /** One object's validation, reporting to its findings. */
  private record Walk(KubernetesSchema schema, boolean strict, Findings findings) {
    void value(Node node, FieldType type, FieldPath path) {
      if (node instanceof ScalarNode scalar && scalar.isNull()) {
        return;
      }
      switch (type) {
        case Named named -> object(node, schema.type(named.name()), path);
        case ListOf list -> {
          if (node instanceof ListNode items) {
            for (int i = 0; i < items.size(); i++) {
              value(items.get(i), list.items(), path.index(i));
            }
          } else {
            mismatch(node, "a list", path);
          }
        }
        case MapOf map -> {
          if (node instanceof MapNode entries) {
            entries
                .fields()
                .forEach((key, field) -> value(field.value(), map.values(), path.key(key)));
          } else {
            mismatch(node, "a mapping", path);
          }
        }
        case Scalar scalar -> scalar(node, scalar, path);
      }
    }

    void object(Node node, ObjectType type, FieldPath path) {
      if (!(node instanceof MapNode map)) {
        mismatch(node, "a mapping (" + type.simpleName() + ")", path);
        return;
      }
      for (Map.Entry<String, MapNode.Field> entry : map.fields().entrySet()) {
        String key = entry.getKey();
        FieldType field = type.fields().get(key);
        if (field != null) {
          value(entry.getValue().value(), field, path.key(key));
        } else if (strict) {
          findings.violation(
              "Unknown field "
                  + path.key(key)
                  + ": "
                  + type.simpleName()
                  + " has no field \""
                  + key
                  + "\""
                  + Suggestions.closest(key, type.fields().keySet())
                      .map(match -> "; did you mean \"" + match + "\"?")
                      .orElse(""),
              path.key(key));
        }
      }
      for (String required : type.required()) {
        if (!map.has(required)) {
          findings.violation(
              "Missing required field "
                  + path.key(required)
                  + " ("
                  + type.simpleName()
                  + " needs \""
                  + required
                  + "\")",
              path);
        }
      }
    }

    private void scalar(Node node, Scalar type, FieldPath path) {
      if (type == Scalar.ANY) {
        return;
      }
      if (type == Scalar.OBJECT) {
        if (!(node instanceof MapNode)) {
          mismatch(node, type, path);
        }
        return;
      }
      if (!(node instanceof ScalarNode scalar)) {
        mismatch(node, type, path);
        return;
      }
      boolean valid =
          switch (type) {
            case STRING -> scalar.type() == ScalarNode.Type.STRING;
            case BYTES -> scalar.type() == ScalarNode.Type.STRING && isBase64(scalar.text());
            case INTEGER -> isInteger(scalar);
            case NUMBER ->
                scalar.type() == ScalarNode.Type.INTEGER || scalar.type() == ScalarNode.Type.FLOAT;
            case BOOLEAN -> scalar.type() == ScalarNode.Type.BOOLEAN;
            case INT_OR_STRING ->
                scalar.type() == ScalarNode.Type.INTEGER || scalar.type() == ScalarNode.Type.STRING;
            case QUANTITY -> isQuantity(scalar);
            case OBJECT, ANY -> true;
          };
      if (!valid) {
        mismatch(node, type, path);
      }
    }

    private void mismatch(Node node, Scalar expected, FieldPath path) {
      report(expected.description(), describe(node, expected), path);
    }

    private void mismatch(Node node, String expected, FieldPath path) {
      report(expected, describe(node, Scalar.ANY), path);
    }

    private void report(String expected, String found, FieldPath path) {
      findings.violation("Field " + path + " must be " + expected + ", found " + found, path);
    }
  }

  private static boolean isInteger(ScalarNode scalar) {
    if (scalar.type() == ScalarNode.Type.INTEGER) {
      return true;
    }
    return scalar.type() == ScalarNode.Type.FLOAT
        && scalar.toJava() instanceof Double number
        && Double.isFinite(number)
        && number == Math.rint(number);
  }

  private static boolean isQuantity(ScalarNode scalar) {
    return switch (scalar.type()) {
      case INTEGER, FLOAT -> true;
      case STRING -> scalar.text() != null && QUANTITY.matcher(scalar.text().strip()).matches();
      case BOOLEAN, NULL -> false;
    };
  }

  /** Standard base64 with padding; line breaks are ignored, as the API server ignores them. */
  private static boolean isBase64(@Nullable String text) {
    if (text == null) {
      return false;
    }
    try {
      Base64.getDecoder().decode(text.replace("\n", "").replace("\r", ""));
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * What was found, without the value: the field may hold a secret (an environment value, Secret
   * data) and findings are stored and shared; the line number points at it.
   */
  private static String describe(Node node, Scalar expected) {
    return switch (node) {
      case MapNode map -> "a mapping";
      case ListNode list -> "a list";
      case ScalarNode scalar ->
          switch (scalar.type()) {
            case STRING ->
                switch (expected) {
                  case BYTES -> "text that is not valid base64";
                  case QUANTITY -> "text that is not a quantity";
                  default -> "a string";
                };
            case INTEGER -> "an integer";
            case FLOAT -> "a decimal number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
          };
    };
  }
}
