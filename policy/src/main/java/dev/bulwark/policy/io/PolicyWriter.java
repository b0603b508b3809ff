package dev.bulwark.policy.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.bulwark.policy.model.BooleanOperator;
import dev.bulwark.policy.model.CelRule;
import dev.bulwark.policy.model.CheckReference;
import dev.bulwark.policy.model.EventSource;
import dev.bulwark.policy.model.Exclusion;
import dev.bulwark.policy.model.LabelSelector;
import dev.bulwark.policy.model.MitreAttackVector;
import dev.bulwark.policy.model.Policy;
import dev.bulwark.policy.model.PolicyGroup;
import dev.bulwark.policy.model.PolicySection;
import dev.bulwark.policy.model.Scope;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Writes policies in StackRox's formats: proto-JSON (an export bundle {@code {"policies": [...]}}
 * or one policy object, 2-space indented, fields in StackRox's order, default values left out as
 * StackRox does) and {@code SecurityPolicy} custom resources (a YAML stream, one document per
 * policy). {@link PolicyReader} reads every output back to equal records.
 *
 * <p>Bulwark's additions ({@code controls}, {@code rules}, {@code checks}) are written only when a
 * policy has them and {@code bulwarkExtensions} is true; StackRox does not know them, so pass false
 * for files meant for StackRox itself (policies then lose their CEL rules and native checks).
 * Stateless and thread-safe.
 */
public final class PolicyWriter {
  private static final int MAX_RESOURCE_NAME = 63;
  private static final ObjectWriter JSON = jsonWriter();
  private static final DumpSettings YAML = yamlSettings();

  private PolicyWriter() {}

  /** An export bundle of {@code policies}, with Bulwark's additions where present. */
  public static String toStackRoxJson(List<Policy> policies) {
    return toStackRoxJson(policies, true);
  }

  /** An export bundle of {@code policies}. */
  public static String toStackRoxJson(List<Policy> policies, boolean bulwarkExtensions) {
    List<Object> items = new ArrayList<>();
    for (Policy policy : policies) {
      items.add(new Shape(false, bulwarkExtensions).policy(policy));
    }
    return json(Map.of("policies", items));
  }

  /** One policy object, with Bulwark's additions where present. */
  public static String toStackRoxJson(Policy policy) {
    return toStackRoxJson(policy, true);
  }

  /** One policy object, as StackRox exports it (without {@code lastUpdated}). */
  public static String toStackRoxJson(Policy policy, boolean bulwarkExtensions) {
    return json(new Shape(false, bulwarkExtensions).policy(policy));
  }

  /** {@code SecurityPolicy} resources, with Bulwark's additions where present. */
  public static String toSecurityPolicyYaml(List<Policy> policies) {
    return toSecurityPolicyYaml(policies, true);
  }

  /**
   * One {@code SecurityPolicy} document per policy. {@code metadata.name} is the policy name in
   * DNS-1123 form (lower-case letters, digits and dashes, at most 63 characters, made unique with a
   * numeric suffix); the id is kept in the {@value PolicyReader#POLICY_ID_ANNOTATION} annotation
   * because the resource's spec has no id field.
   */
  public static String toSecurityPolicyYaml(List<Policy> policies, boolean bulwarkExtensions) {
    Set<String> usedNames = new HashSet<>();
    List<Object> documents = new ArrayList<>();
    for (Policy policy : policies) {
      Map<String, Object> metadata = new LinkedHashMap<>();
      metadata.put("name", uniqueResourceName(policy.name(), usedNames));
      metadata.put("annotations", Map.of(PolicyReader.POLICY_ID_ANNOTATION, policy.id()));
      Map<String, Object> document = new LinkedHashMap<>();
      document.put("apiVersion", PolicyReader.SECURITY_POLICY_API_VERSION);
      document.put("kind", PolicyReader.SECURITY_POLICY_KIND);
      document.put("metadata", metadata);
      document.put("spec", new Shape(true, bulwarkExtensions).policy(policy));
      documents.add(document);
    }
    // A Dump keeps state while it writes, so each call gets its own.
    return new Dump(YAML).dumpAllToString(documents.iterator());
  }

  /**
   * A DNS-1123 label from a policy name: {@code "Docker CIS 5.1: ..."} → {@code
   * docker-cis-5-1-...}.
   */
  static String resourceName(String policyName) {
    String slug =
        policyName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+", "");
    if (slug.length() > MAX_RESOURCE_NAME) {
      slug = slug.substring(0, MAX_RESOURCE_NAME);
    }
    slug = slug.replaceAll("-+$", "");
    return slug.isEmpty() ? "policy" : slug;
  }

  private static String uniqueResourceName(String policyName, Set<String> used) {
    String base = resourceName(policyName);
    String name = base;
    for (int suffix = 2; !used.add(name); suffix++) {
      String tail = "-" + suffix;
      name = base.substring(0, Math.min(base.length(), MAX_RESOURCE_NAME - tail.length())) + tail;
    }
    return name;
  }

  /** Builds the field maps of one output format. */
  private record Shape(boolean resource, boolean bulwarkExtensions) {
    Map<String, Object> policy(Policy policy) {
      Map<String, Object> out = new LinkedHashMap<>();
      if (resource) {
        out.put("policyName", policy.name());
      } else {
        out.put("id", policy.id());
        out.put("name", policy.name());
      }
      putText(out, "description", policy.description());
      putText(out, "rationale", policy.rationale());
      putText(out, "remediation", policy.remediation());
      putTrue(out, "disabled", policy.disabled());
      putStrings(out, "categories", policy.categories());
      if (resource || !policy.lifecycleStages().isEmpty()) {
        out.put("lifecycleStages", names(policy.lifecycleStages()));
      }
      if (resource || policy.eventSource() != EventSource.NOT_APPLICABLE) {
        out.put("eventSource", policy.eventSource().name());
      }
      putList(out, "exclusions", policy.exclusions(), this::exclusion);
      putList(out, "scope", policy.scope(), PolicyWriter::scope);
      out.put("severity", policy.severity().name() + "_SEVERITY");
      putList(out, "enforcementActions", policy.enforcementActions(), Enum::name);
      putStrings(out, "notifiers", policy.notifiers());
      if (!resource) {
        out.put("policyVersion", policy.policyVersion());
      }
      putList(out, "policySections", policy.sections(), this::section);
      putList(out, "mitreAttackVectors", policy.mitreAttackVectors(), PolicyWriter::mitreVector);
      putFlag(out, "criteriaLocked", policy.criteriaLocked());
      putFlag(out, "mitreVectorsLocked", policy.mitreVectorsLocked());
      putFlag(out, "isDefault", policy.isDefault());
      if (!policy.skipContainerTypes().isEmpty()) {
        out.put("evaluationFilter", Map.of("skipContainerTypes", policy.skipContainerTypes()));
      }
      if (bulwarkExtensions) {
        putStrings(out, "controls", policy.controls());
        putList(out, "rules", policy.rules(), PolicyWriter::rule);
        putList(out, "checks", policy.checks(), PolicyWriter::check);
      }
      return out;
    }

    /** The resource schema always carries these flags; proto-JSON leaves out false. */
    private void putFlag(Map<String, Object> out, String key, boolean value) {
      if (resource) {
        out.put(key, value);
      } else {
        putTrue(out, key, value);
      }
    }

    private Map<String, Object> section(PolicySection section) {
      Map<String, Object> out = new LinkedHashMap<>();
      putText(out, "sectionName", section.sectionName());
      putList(out, "policyGroups", section.groups(), this::group);
      return out;
    }

    private Map<String, Object> group(PolicyGroup group) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("fieldName", group.fieldName());
      if (resource || group.booleanOperator() != BooleanOperator.OR) {
        out.put("booleanOperator", group.booleanOperator().name());
      }
      putTrue(out, "negate", group.negate());
      putList(out, "values", group.values(), value -> Map.of("value", value));
      return out;
    }

    private Map<String, Object> exclusion(Exclusion exclusion) {
      Map<String, Object> out = new LinkedHashMap<>();
      putText(out, "name", exclusion.name());
      Exclusion.Deployment deployment = exclusion.deployment();
      if (deployment != null) {
        Map<String, Object> fields = new LinkedHashMap<>();
        putText(fields, "name", deployment.name());
        if (deployment.scope() != null) {
          fields.put("scope", scope(deployment.scope()));
        }
        out.put("deployment", fields);
      }
      if (exclusion.imageName() != null) {
        out.put("image", Map.of("name", exclusion.imageName()));
      }
      if (exclusion.expiration() != null) {
        out.put("expiration", exclusion.expiration().toString());
      }
      return out;
    }
  }

  private static Map<String, Object> scope(Scope scope) {
    Map<String, Object> out = new LinkedHashMap<>();
    putText(out, "cluster", scope.cluster());
    putText(out, "namespace", scope.namespace());
    putLabel(out, "label", scope.label());
    putLabel(out, "clusterLabel", scope.clusterLabel());
    putLabel(out, "namespaceLabel", scope.namespaceLabel());
    return out;
  }

  private static void putLabel(Map<String, Object> out, String key, @Nullable LabelSelector label) {
    if (label != null) {
      Map<String, Object> fields = new LinkedHashMap<>();
      putText(fields, "key", label.key());
      putText(fields, "value", label.value());
      out.put(key, fields);
    }
  }

  private static Map<String, Object> mitreVector(MitreAttackVector vector) {
    Map<String, Object> out = new LinkedHashMap<>();
    putText(out, "tactic", vector.tactic());
    putStrings(out, "techniques", vector.techniques());
    return out;
  }

  private static Map<String, Object> rule(CelRule rule) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", rule.name());
    out.put("expression", rule.expression());
    putText(out, "message", rule.message());
    putText(out, "messageExpression", rule.messageExpression());
    return out;
  }

  private static Map<String, Object> check(CheckReference check) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("check", check.check());
    if (!check.parameters().isEmpty()) {
      out.put("parameters", new TreeMap<>(check.parameters()));
    }
    return out;
  }

  private static void putText(Map<String, Object> out, String key, @Nullable String value) {
    if (value != null && !value.isEmpty()) {
      out.put(key, value);
    }
  }

  private static void putTrue(Map<String, Object> out, String key, boolean value) {
    if (value) {
      out.put(key, true);
    }
  }

  private static void putStrings(Map<String, Object> out, String key, List<String> items) {
    if (!items.isEmpty()) {
      out.put(key, items);
    }
  }

  private static <T> void putList(
      Map<String, Object> out, String key, List<T> items, Function<? super T, ?> shape) {
    if (!items.isEmpty()) {
      out.put(key, items.stream().<Object>map(shape).toList());
    }
  }

  private static List<String> names(List<? extends Enum<?>> constants) {
    return constants.stream().map(Enum::name).toList();
  }

  private static String json(Object tree) {
    try {
      return JSON.writeValueAsString(tree) + "\n";
    } catch (JsonProcessingException e) {
      // Maps of strings, booleans and lists always serialize; this is a programming error.
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectWriter jsonWriter() {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter(
                Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(indenter);
    printer.indentArraysWith(indenter);
    return JsonMapper.builder().build().writer(printer);
  }

  private static DumpSettings yamlSettings() {
    return DumpSettings.builder()
        .setDefaultFlowStyle(FlowStyle.BLOCK)
        .setExplicitStart(true)
        .setIndent(2)
        .setWidth(Integer.MAX_VALUE)
        .setSplitLines(false)
        .setSchema(new Yaml11SafeSchema())
        .build();
  }

  /**
   * The YAML 1.2 core schema, except that plain scalars YAML 1.1 reads as something other than a
   * string (booleans such as {@code yes} and {@code on}, timestamps, numbers with underscores or
   * colons) count as non-strings, so that strings spelt like them are written quoted: kubectl and
   * other YAML 1.1 readers would otherwise change their type.
   */
  private static final class Yaml11SafeSchema extends CoreSchema {
    private static final Pattern YAML11_NON_STRING =
        Pattern.compile(
            "y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF"
                + "|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?"
                + "|[-+]?(0b[01_]+|[0-9][0-9_]*(:[0-5]?[0-9])*(\\.[0-9_]*)?)");

    private final ScalarResolver resolver = yaml11SafeResolver(super.getScalarResolver());

    @Override
    public ScalarResolver getScalarResolver() {
      return resolver;
    }

    /** Only plain (implicit) scalars are affected; quoted ones are strings in every version. */
    private static ScalarResolver yaml11SafeResolver(ScalarResolver core) {
      return (value, implicit) ->
          implicit && YAML11_NON_STRING.matcher(value).matches()
              ? Tag.BOOL
              : core.resolve(value, implicit);
    }
  }
}
