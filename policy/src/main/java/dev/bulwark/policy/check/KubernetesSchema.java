package dev.bulwark.policy.check;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The Kubernetes API's object types as the {@code kubernetes-schema} check validates them: for each
 * apiVersion and kind the type of the object, and for each object type its fields, their types and
 * which are required. The data is generated from Kubernetes' OpenAPI document by {@code
 * scripts/generate-kubernetes-schema.py} and read once, on first use, so that policies that do not
 * validate schemas never pay for it. Immutable and thread-safe.
 */
final class KubernetesSchema {
  private static final String RESOURCE = "kubernetes-schema.txt";

  private final String kubernetesVersion;
  private final Map<String, String> typeByKind;
  private final Map<String, ObjectType> types;

  private KubernetesSchema(
      String kubernetesVersion, Map<String, String> typeByKind, Map<String, ObjectType> types) {
    this.kubernetesVersion = kubernetesVersion;
    this.typeByKind = Map.copyOf(typeByKind);
    this.types = Map.copyOf(types);
  }

  /** The schema shipped with Bulwark, read and checked on first use. */
  static KubernetesSchema bundled() {
    return Bundled.SCHEMA;
  }

  /** The Kubernetes release the schema was generated from, such as 1.37.2. */
  String kubernetesVersion() {
    return kubernetesVersion;
  }

  /** The object type of a kind in an API version, or null when Kubernetes does not serve it. */
  @Nullable ObjectType typeOf(String apiVersion, String kind) {
    String name = typeByKind.get(apiVersion + " " + kind);
    return name == null ? null : types.get(name);
  }

  /** A type named by a field; every name the schema uses resolves (checked when read). */
  ObjectType type(String name) {
    ObjectType type = types.get(name);
    if (type == null) {
      throw new IllegalArgumentException("no type " + name);
    }
    return type;
  }

  /** The type of a field's value. */
  sealed interface FieldType permits Scalar, ListOf, MapOf, Named {}

  /** A value that is not an object type of the schema. */
  enum Scalar implements FieldType {
    STRING("a string"),
    BYTES("base64-encoded bytes"),
    INTEGER("an integer"),
    NUMBER("a number"),
    BOOLEAN("true or false"),
    INT_OR_STRING("an integer or a string"),
    QUANTITY("a quantity such as 500m or 1Gi"),
    OBJECT("a mapping"),
    ANY("any value");

    private final String description;

    Scalar(String description) {
      this.description = description;
    }

    String description() {
      return description;
    }
  }

  record ListOf(FieldType items) implements FieldType {}

  record MapOf(FieldType values) implements FieldType {}

  record Named(String name) implements FieldType {}

  /**
   * An object type: {@code name} is the OpenAPI definition name, such as {@code
   * io.k8s.api.core.v1.Container}.
   */
  record ObjectType(String name, Map<String, FieldType> fields, Set<String> required) {
    ObjectType {
      fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
      required = Set.copyOf(required);
    }

    /** The name without its package, as Kubernetes' documentation writes it. */
    String simpleName() {
      return name.substring(name.lastIndexOf('.') + 1);
    }
  }

  /** Reads the schema text; malformed data or a dangling type name is an IllegalStateException. */
  static KubernetesSchema parse(BufferedReader reader) throws IOException {
    Parser parser = new Parser();
    String line;
    int number = 0;
    while ((line = reader.readLine()) != null) {
      number++;
      try {
        parser.line(line);
      } catch (RuntimeException e) {
        throw new IllegalStateException(
            RESOURCE + " line " + number + ": " + e.getMessage() + ": " + line, e);
      }
    }
    return parser.build();
  }

  private static final class Parser {
    private String version = "";
    private final Map<String, String> typeByKind = new HashMap<>();
    private final Map<String, ObjectType> types = new HashMap<>();
    private final Set<String> referenced = new HashSet<>();
    private @Nullable String typeName;
    private Map<String, FieldType> fields = new LinkedHashMap<>();
    private Set<String> required = new HashSet<>();

    void line(String line) {
      if (line.isEmpty() || line.startsWith("#")) {
        return;
      }
      String[] words = line.strip().split(" ");
      if (line.startsWith("  ")) {
        field(words);
        return;
      }
      finishType();
      switch (words[0]) {
        case "kubernetes" -> version = words[1];
        case "kind" -> {
          expect(words, 4);
          typeByKind.put(words[1] + " " + words[2], words[3]);
          referenced.add(words[3]);
        }
        case "type" -> {
          expect(words, 2);
          typeName = words[1];
        }
        default -> throw new IllegalArgumentException("unknown entry " + words[0]);
      }
    }

    private void field(String[] words) {
      if (typeName == null || words.length < 2 || words.length > 3) {
        throw new IllegalArgumentException("a field line outside a type or malformed");
      }
      fields.put(words[0], fieldType(words[1]));
      if (words.length == 3) {
        if (!words[2].equals("required")) {
          throw new IllegalArgumentException("expected required, found " + words[2]);
        }
        required.add(words[0]);
      }
    }

    private FieldType fieldType(String text) {
      if (text.startsWith("[") && text.endsWith("]")) {
        return new ListOf(fieldType(text.substring(1, text.length() - 1)));
      }
      if (text.startsWith("{") && text.endsWith("}")) {
        return new MapOf(fieldType(text.substring(1, text.length() - 1)));
      }
      return switch (text) {
        case "string" -> Scalar.STRING;
        case "bytes" -> Scalar.BYTES;
        case "integer" -> Scalar.INTEGER;
        case "number" -> Scalar.NUMBER;
        case "boolean" -> Scalar.BOOLEAN;
        case "int-or-string" -> Scalar.INT_OR_STRING;
        case "quantity" -> Scalar.QUANTITY;
        case "object" -> Scalar.OBJECT;
        case "any" -> Scalar.ANY;
        default -> {
          referenced.add(text);
          yield new Named(text);
        }
      };
    }

    private static void expect(String[] words, int count) {
      if (words.length != count) {
        throw new IllegalArgumentException("expected " + count + " words");
      }
    }

    private void finishType() {
      if (typeName != null) {
        types.put(typeName, new ObjectType(typeName, fields, required));
        typeName = null;
        fields = new LinkedHashMap<>();
        required = new HashSet<>();
      }
    }

    KubernetesSchema build() {
      finishType();
      List<String> dangling = new ArrayList<>();
      for (String name : referenced) {
        if (!types.containsKey(name)) {
          dangling.add(name);
        }
      }
      if (version.isEmpty() || typeByKind.isEmpty() || !dangling.isEmpty()) {
        throw new IllegalStateException(
            RESOURCE + ": no version, no kinds, or types used but not defined: " + dangling);
      }
      return new KubernetesSchema(version, typeByKind, types);
    }
  }

  /** Holder: the schema is read when the first policy that validates schemas is bound. */
  private static final class Bundled {
    static final KubernetesSchema SCHEMA = read();

    private static KubernetesSchema read() {
      try (InputStream in = KubernetesSchema.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(RESOURCE + " is missing from the policy module");
        }
        return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
