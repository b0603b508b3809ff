package dev.bulwark.policy.io;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import dev.bulwark.core.manifest.ScalarNode;
import dev.bulwark.policy.model.BooleanOperator;
import dev.bulwark.policy.model.CelRule;
import dev.bulwark.policy.model.CheckReference;
import dev.bulwark.policy.model.EnforcementAction;
import dev.bulwark.policy.model.EventSource;
import dev.bulwark.policy.model.Exclusion;
import dev.bulwark.policy.model.LabelSelector;
import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.MitreAttackVector;
import dev.bulwark.policy.model.Policy;
import dev.bulwark.policy.model.PolicyGroup;
import dev.bulwark.policy.model.PolicySection;
import dev.bulwark.policy.model.Scope;
import dev.bulwark.policy.model.Severity;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Maps one policy object of a document (StackRox's proto-JSON field names) to the {@link Policy}
 * record. Type errors and unknown enum names are reported; semantic checks are {@link
 * PolicyValidator}'s.
 */
final class PolicyMapper {
  static final String CURRENT_POLICY_VERSION = "1.1";

  /** Top-level fields of StackRox's policy (present and past) and Bulwark's additions. */
  private static final Set<String> POLICY_FIELDS =
      Set.of(
          "id",
          "name",
          "policyName",
          "description",
          "rationale",
          "remediation",
          "disabled",
          "categories",
          "lifecycleStages",
          "eventSource",
          "exclusions",
          "scope",
          "severity",
          "enforcementActions",
          "notifiers",
          "lastUpdated",
          "SORTName",
          "SORTLifecycleStage",
          "SORTEnforcement",
          "policyVersion",
          "policySections",
          "mitreAttackVectors",
          "criteriaLocked",
          "mitreVectorsLocked",
          "isDefault",
          "source",
          "evaluationFilter",
          "whitelists",
          "fields",
          "controls",
          "rules",
          "checks");

  private static final List<String> SECTION_FIELDS = List.of("sectionName", "policyGroups");
  private static final List<String> GROUP_FIELDS =
      List.of("fieldName", "booleanOperator", "negate", "values");
  private static final List<String> EXCLUSION_FIELDS =
      List.of("name", "deployment", "image", "expiration");
  private static final List<String> DEPLOYMENT_FIELDS = List.of("name", "scope");
  private static final List<String> IMAGE_FIELDS = List.of("name");
  private static final List<String> SCOPE_FIELDS =
      List.of("cluster", "namespace", "label", "clusterLabel", "namespaceLabel");
  private static final List<String> LABEL_FIELDS = List.of("key", "value");
  private static final List<String> MITRE_FIELDS = List.of("tactic", "techniques");
  private static final List<String> FILTER_FIELDS = List.of("skipContainerTypes");
  private static final List<String> RULE_FIELDS =
      List.of("name", "expression", "message", "messageExpression");
  private static final List<String> CHECK_FIELDS = List.of("check", "parameters");
  private static final List<String> CONTAINER_TYPES = List.of("REGULAR", "INIT");

  /**
   * Where a policy's name and id come from.
   *
   * @param nameKey {@code name} in StackRox JSON, {@code policyName} in a SecurityPolicy spec
   * @param fallbackName used when the name field is missing (the resource's metadata.name)
   * @param id the id when the document keeps it outside the policy object, else null
   */
  record Identity(String nameKey, @Nullable String fallbackName, @Nullable String id) {
    static final Identity STACKROX_JSON = new Identity("name", null, null);
  }

  private PolicyMapper() {}

  static Policy map(FieldReader fields, Identity identity) {
    fields.rejectMisspeltFields(POLICY_FIELDS);
    String name = name(fields, identity);
    List<LifecycleStage> stages =
        enums(fields, "lifecycleStages", LifecycleStage.class, "lifecycle stage");
    return new Policy(
        id(fields, identity, name),
        name,
        fields.string("description", ""),
        fields.string("rationale", ""),
        fields.string("remediation", ""),
        fields.bool("disabled"),
        fields.strings("categories"),
        stages,
        eventSource(fields),
        fields.objects("exclusions").stream().map(PolicyMapper::exclusion).toList(),
        fields.objects("scope").stream().map(PolicyMapper::scope).toList(),
        severity(fields),
        enforcementActions(fields, stages),
        fields.strings("notifiers"),
        fields.string("policyVersion", CURRENT_POLICY_VERSION),
        fields.objects("policySections").stream().map(PolicyMapper::section).toList(),
        fields.objects("mitreAttackVectors").stream().map(PolicyMapper::mitreVector).toList(),
        fields.bool("criteriaLocked"),
        fields.bool("mitreVectorsLocked"),
        fields.bool("isDefault"),
        skipContainerTypes(fields),
        fields.strings("controls"),
        fields.objects("rules").stream().map(PolicyMapper::rule).toList(),
        fields.objects("checks").stream().map(PolicyMapper::check).toList());
  }

  private static String name(FieldReader fields, Identity identity) {
    String name = fields.string(identity.nameKey());
    if ((name == null || name.isBlank()) && identity.fallbackName() != null) {
      name = identity.fallbackName();
    }
    // StackRox trims the name before validating and storing it.
    return name == null ? "" : name.strip();
  }

  private static String id(FieldReader fields, Identity identity, String name) {
    String id = identity.id() != null ? identity.id() : fields.string("id");
    return id == null || id.isBlank() ? PolicyReader.idForName(name) : id;
  }

  private static EventSource eventSource(FieldReader fields) {
    String text = fields.string("eventSource");
    if (text == null) {
      return EventSource.NOT_APPLICABLE;
    }
    EventSource source = constant(EventSource.class, text);
    if (source == null) {
      fields.report(
          fields.path("eventSource"), unknownConstant("event source", text, EventSource.class));
      return EventSource.NOT_APPLICABLE;
    }
    return source;
  }

  private static Severity severity(FieldReader fields) {
    String text = fields.string("severity");
    String expected =
        "; use one of LOW_SEVERITY, MEDIUM_SEVERITY, HIGH_SEVERITY, CRITICAL_SEVERITY";
    if (text == null) {
      fields.report(fields.path("severity"), "a policy must have a severity" + expected);
      return Severity.LOW;
    }
    String upper = text.strip().toUpperCase(Locale.ROOT);
    String bare = upper.endsWith("_SEVERITY") ? upper.substring(0, upper.length() - 9) : upper;
    Severity severity = constant(Severity.class, bare);
    if (severity == null) {
      String reason =
          bare.equals("UNSET")
              ? "a policy must have a severity"
              : "unknown severity \"" + text + "\"";
      fields.report(fields.path("severity"), reason + expected);
      return Severity.LOW;
    }
    return severity;
  }

  /** StackRox drops enforcement actions of stages the policy does not have, and so do we. */
  private static List<EnforcementAction> enforcementActions(
      FieldReader fields, List<LifecycleStage> stages) {
    return enums(fields, "enforcementActions", EnforcementAction.class, "enforcement action")
        .stream()
        .filter(action -> action.stage() == null || stages.contains(action.stage()))
        .toList();
  }

  private static List<String> skipContainerTypes(FieldReader fields) {
    FieldReader filter = fields.object("evaluationFilter");
    if (filter == null) {
      return List.of();
    }
    filter.rejectUnknownFields(FILTER_FIELDS);
    List<String> types = filter.strings("skipContainerTypes");
    for (int i = 0; i < types.size(); i++) {
      if (!CONTAINER_TYPES.contains(types.get(i))) {
        filter.report(
            filter.path("skipContainerTypes").index(i),
            "unknown container type \"" + types.get(i) + "\"; use REGULAR or INIT");
      }
    }
    return types;
  }

  private static PolicySection section(FieldReader section) {
    section.rejectUnknownFields(SECTION_FIELDS);
    return new PolicySection(
        section.string("sectionName", ""),
        section.objects("policyGroups").stream().map(PolicyMapper::group).toList());
  }

  private static PolicyGroup group(FieldReader group) {
    group.rejectUnknownFields(GROUP_FIELDS);
    BooleanOperator operator = BooleanOperator.OR;
    String operatorText = group.string("booleanOperator");
    if (operatorText != null) {
      BooleanOperator parsed = constant(BooleanOperator.class, operatorText);
      if (parsed == null) {
        group.report(
            group.path("booleanOperator"),
            unknownConstant("boolean operator", operatorText, BooleanOperator.class));
      } else {
        operator = parsed;
      }
    }
    return new PolicyGroup(
        group.string("fieldName", ""), operator, group.bool("negate"), values(group));
  }

  /** Values are objects {@code {"value": "..."}}; indexes are kept for problem paths. */
  private static List<String> values(FieldReader group) {
    List<String> values = new ArrayList<>();
    List<Node> items = group.items("values");
    for (int i = 0; i < items.size(); i++) {
      Node item = items.get(i);
      FieldPath path = group.path("values").index(i);
      if (item instanceof MapNode map) {
        FieldReader value = group.reader(map, path);
        value.rejectUnknownFields(List.of("value"));
        values.add(value.string("value", ""));
      } else if (item instanceof ScalarNode scalar && scalar.asText() instanceof String text) {
        // The intent is clear, so the value is kept and only the shape is reported.
        group.report(
            path,
            "expected an object, found "
                + FieldReader.describe(item)
                + "; write it as {\"value\": \""
                + text
                + "\"}");
        values.add(text);
      } else {
        group.report(
            path,
            "expected an object, found "
                + FieldReader.describe(item)
                + "; write each value as {\"value\": \"...\"}");
        values.add("");
      }
    }
    return values;
  }

  private static Exclusion exclusion(FieldReader exclusion) {
    exclusion.rejectUnknownFields(EXCLUSION_FIELDS);
    Exclusion.Deployment deployment = null;
    FieldReader deploymentFields = exclusion.object("deployment");
    if (deploymentFields != null) {
      deploymentFields.rejectUnknownFields(DEPLOYMENT_FIELDS);
      FieldReader scopeFields = deploymentFields.object("scope");
      deployment =
          new Exclusion.Deployment(
              blankToNull(deploymentFields.string("name")),
              scopeFields == null ? null : scope(scopeFields));
    }
    String imageName = null;
    FieldReader image = exclusion.object("image");
    if (image != null) {
      image.rejectUnknownFields(IMAGE_FIELDS);
      imageName = image.string("name", "");
    }
    return new Exclusion(
        exclusion.string("name", ""), deployment, imageName, expiration(exclusion));
  }

  private static @Nullable Instant expiration(FieldReader exclusion) {
    String text = exclusion.string("expiration");
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      exclusion.report(
          exclusion.path("expiration"),
          "\"" + text + "\" is not an RFC 3339 time; write for example 2026-12-31T00:00:00Z");
      return null;
    }
  }

  private static Scope scope(FieldReader scope) {
    scope.rejectUnknownFields(SCOPE_FIELDS);
    return new Scope(
        blankToNull(scope.string("cluster")),
        blankToNull(scope.string("namespace")),
        label(scope.object("label")),
        label(scope.object("clusterLabel")),
        label(scope.object("namespaceLabel")));
  }

  private static @Nullable LabelSelector label(@Nullable FieldReader label) {
    if (label == null) {
      return null;
    }
    label.rejectUnknownFields(LABEL_FIELDS);
    return new LabelSelector(label.string("key", ""), label.string("value", ""));
  }

  private static MitreAttackVector mitreVector(FieldReader vector) {
    vector.rejectUnknownFields(MITRE_FIELDS);
    return new MitreAttackVector(vector.string("tactic", ""), vector.strings("techniques"));
  }

  private static CelRule rule(FieldReader rule) {
    rule.rejectUnknownFields(RULE_FIELDS);
    return new CelRule(
        rule.string("name", ""),
        rule.string("expression", ""),
        rule.string("message", ""),
        blankToNull(rule.string("messageExpression")));
  }

  private static CheckReference check(FieldReader check) {
    check.rejectUnknownFields(CHECK_FIELDS);
    return new CheckReference(check.string("check", ""), check.stringMap("parameters"));
  }

  private static <E extends Enum<E>> List<E> enums(
      FieldReader fields, String key, Class<E> type, String what) {
    List<E> out = new ArrayList<>();
    List<String> texts = fields.strings(key);
    for (int i = 0; i < texts.size(); i++) {
      E constant = constant(type, texts.get(i));
      if (constant == null) {
        fields.report(fields.path(key).index(i), unknownConstant(what, texts.get(i), type));
      } else {
        out.add(constant);
      }
    }
    return out;
  }

  private static <E extends Enum<E>> @Nullable E constant(Class<E> type, String text) {
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(text.strip().toUpperCase(Locale.ROOT))) {
        return constant;
      }
    }
    return null;
  }

  private static <E extends Enum<E>> String unknownConstant(
      String what, String text, Class<E> type) {
    return "unknown "
        + what
        + " \""
        + text
        + "\"; use one of "
        + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
  }

  private static @Nullable String blankToNull(@Nullable String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
