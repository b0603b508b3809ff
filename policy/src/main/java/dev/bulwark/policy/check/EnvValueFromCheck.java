package dev.bulwark.policy.check;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.bulwark.core.context.InputIndex;
import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import dev.bulwark.core.workload.Container;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A container whose environment reads a Secret or ConfigMap, or a key of one, that is not in the
 * input fails to start ({@code CreateContainerConfigError}) unless the reference is {@code
 * optional}. Reads {@code env[].valueFrom.secretKeyRef} and {@code configMapKeyRef} (name and key)
 * and {@code envFrom[].secretRef} and {@code configMapRef} (name) of every container. Secrets
 * created outside the manifests (by an operator, a secret store, by hand) can be named in the
 * parameters.
 */
final class EnvValueFromCheck implements NativeCheck {
  static final String IGNORED_SECRETS = "ignoredSecrets";
  static final String IGNORED_CONFIG_MAPS = "ignoredConfigMaps";

  @Override
  public String id() {
    return "env-value-from";
  }

  @Override
  public String summary() {
    return "A container's env or envFrom reads a Secret or ConfigMap, or a key of one, that is not"
        + " in its namespace of the input, and the reference is not optional.";
  }

  @Override
  public Target target() {
    return Target.INPUT;
  }

  @Override
  public List<CheckParameter> parameters() {
    return List.of(
        new CheckParameter(
            IGNORED_SECRETS,
            "Regular expression (RE2 syntax) matching the whole name of Secrets that exist outside"
                + " the input, such as \"vault-.*\".",
            "every Secret must be in the input"),
        new CheckParameter(
            IGNORED_CONFIG_MAPS,
            "Regular expression (RE2 syntax) matching the whole name of ConfigMaps that exist"
                + " outside the input.",
            "every ConfigMap must be in the input"));
  }

  @Override
  public CheckEvaluator bind(Map<String, String> parameters) throws InvalidCheckParameterException {
    Pattern ignoredSecrets = pattern(IGNORED_SECRETS, parameters.get(IGNORED_SECRETS));
    Pattern ignoredConfigMaps = pattern(IGNORED_CONFIG_MAPS, parameters.get(IGNORED_CONFIG_MAPS));
    return (CheckEvaluator.AcrossInput)
        (object, workload) -> {
          if (workload == null) {
            return null;
          }
          List<Reference> references = new ArrayList<>();
          for (Container container : workload.containers()) {
            MapNode node = ManifestFields.map(object.root(), container.path());
            if (node != null) {
              addReferences(references, object, container, node);
            }
          }
          references.removeIf(reference ->
              ignored(reference.secret() ? ignoredSecrets : ignoredConfigMaps, reference.name()));
          if (references.isEmpty()) {
            return null;
          }
          String namespace = workload.namespace();
          return (input, findings) -> {
            for (Reference reference : references) {
              reference.judge(input, namespace, findings);
            }
          };
        };
  }

  private static boolean ignored(@Nullable Pattern pattern, String name) {
    return pattern != null && pattern.matches(name);
  }

  private static @Nullable Pattern pattern(String parameter, @Nullable String value)
      throws InvalidCheckParameterException {
    if (value == null) {
      return null;
    }
    try {
      return Pattern.compile(value);
    } catch (PatternSyntaxException e) {
      throw new InvalidCheckParameterException(
          parameter, "not a valid RE2 regular expression: " + e.getDescription());
    }
  }

  private static void addReferences(
      List<Reference> references, ManifestObject object, Container container, MapNode node) {
    List<Node> env = node.list("env");
    for (int i = 0; i < env.size(); i++) {
      MapNode from = env.get(i) instanceof MapNode variable ? variable.map("valueFrom") : null;
      if (from == null) {
        continue;
      }
      FieldPath path = container.path().key("env").index(i).key("valueFrom");
      add(references, object, container, from, "secretKeyRef", path);
      add(references, object, container, from, "configMapKeyRef", path);
    }
    List<Node> envFrom = node.list("envFrom");
    for (int i = 0; i < envFrom.size(); i++) {
      if (envFrom.get(i) instanceof MapNode source) {
        FieldPath path = container.path().key("envFrom").index(i);
        add(references, object, container, source, "secretRef", path);
        add(references, object, container, source, "configMapRef", path);
      }
    }
  }

  /** {@code field} is secretKeyRef or configMapKeyRef (with a key), secretRef or configMapRef. */
  private static void add(
      List<Reference> references,
      ManifestObject object,
      Container container,
      MapNode parent,
      String field,
      FieldPath parentPath) {
    MapNode reference = parent.map(field);
    String name = References.text(reference, "name");
    if (reference == null || name == null || Boolean.TRUE.equals(reference.bool("optional"))) {
      return;
    }
    FieldPath path = parentPath.key(field);
    String key = field.endsWith("KeyRef") ? References.text(reference, "key") : null;
    references.add(
        new Reference(
            container.name(),
            field.startsWith("secret"),
            name,
            key,
            LocatedField.of(object, path.key("name")),
            key == null ? null : LocatedField.of(object, path.key("key"))));
  }

  /** One non-optional reference of a container to a Secret or ConfigMap, or one of its keys. */
  private record Reference(
      String container,
      boolean secret,
      String name,
      @Nullable String key,
      LocatedField nameField,
      @Nullable LocatedField keyField) {
    void judge(InputIndex input, String namespace, LocatedFindings findings) {
      Set<String> keys =
          secret ? input.secretKeys(namespace, name) : input.configMapKeys(namespace, name);
      String target = (secret ? "Secret \"" : "ConfigMap \"") + name + "\"";
      if (keys == null) {
        findings.violation(
            "Container \""
                + container
                + "\" reads "
                + target
                + ", which is not in namespace \""
                + namespace
                + "\" of the input",
            nameField);
      } else if (key != null && keyField != null && !keys.contains(key)) {
        findings.violation(
            "Container \""
                + container
                + "\" reads key \""
                + key
                + "\" of "
                + target
                + ", which has no such key",
            keyField);
      }
    }
  }
}
