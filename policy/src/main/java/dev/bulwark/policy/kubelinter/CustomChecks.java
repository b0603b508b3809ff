package dev.bulwark.policy.kubelinter;

import dev.bulwark.core.manifest.ListNode;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import dev.bulwark.core.manifest.Position;
import dev.bulwark.core.manifest.ScalarNode;
import dev.bulwark.core.text.Suggestions;
import dev.bulwark.policy.io.FieldIssue;
import dev.bulwark.policy.io.PolicyValidator;
import dev.bulwark.policy.model.CelRule;
import dev.bulwark.policy.model.CheckReference;
import dev.bulwark.policy.model.EventSource;
import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.Policy;
import dev.bulwark.policy.model.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns kube-linter custom checks into policies: a template Bulwark implements becomes its native
 * check with the parameters renamed, and {@code cel-expression} a CEL rule whose message is what
 * the expression returns (kube-linter's contract: an empty string passes).
 */
final class CustomChecks {
  static final String CONTROL_PREFIX = "kube-linter:";
  static final String ID_PREFIX = "kube-linter-";
  private static final String CEL_TEMPLATE = "cel-expression";
  private static final Set<String> CHECK_KEYS =
      Set.of("name", "description", "remediation", "scope", "template", "params");
  private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  private final ConfigProblems problems;

  CustomChecks(ConfigProblems problems) {
    this.problems = problems;
  }

  /** The policy for one custom check, or null after reporting why there is none. */
  @Nullable Policy translate(MapNode check, String path) {
    for (String key : check.keys()) {
      if (!CHECK_KEYS.contains(key)) {
        problem(check.keyPosition(key), path + "." + key, "a custom check has no \"" + key + "\"");
      }
    }
    String name = check.string("name");
    if (name == null || !NAME.matcher(name).matches()) {
      problem(
          check.keyPosition("name"),
          path + ".name",
          "a custom check needs a name in lower-case kebab-case, such as required-label-team");
      return null;
    }
    String template = check.string("template");
    List<String> kinds = objectKinds(check, path);
    MapNode params = check.map("params");
    Policy policy;
    if (CEL_TEMPLATE.equals(template)) {
      policy = celPolicy(check, name, params, kinds, path);
    } else if (template != null && CheckTemplate.BY_KEY.containsKey(template)) {
      policy = nativePolicy(check, name, CheckTemplate.BY_KEY.get(template), params, kinds, path);
    } else {
      List<String> supported = new ArrayList<>(CheckTemplate.BY_KEY.keySet());
      supported.add(CEL_TEMPLATE);
      problem(
          check.keyPosition("template"),
          path + ".template",
          (template == null
                  ? "a custom check needs a template"
                  : "Bulwark does not implement the kube-linter template \"" + template + "\"")
              + Suggestions.closest(String.valueOf(template), supported)
                  .map(match -> "; did you mean " + match + "?")
                  .orElse("")
              + "; see docs/compat/kube-linter.md for the supported templates");
      return null;
    }
    if (policy != null) {
      for (FieldIssue issue : PolicyValidator.validate(policy)) {
        problem(check.position(), path, issue.path() + ": " + issue.reason());
      }
    }
    return policy;
  }

  private @Nullable Policy nativePolicy(
      MapNode check,
      String name,
      CheckTemplate template,
      @Nullable MapNode params,
      List<String> kinds,
      String path) {
    Map<String, String> parameters = new LinkedHashMap<>(template.fixed());
    boolean valid = true;
    if (params != null) {
      for (Map.Entry<String, MapNode.Field> entry : params.fields().entrySet()) {
        String target = template.parameter(entry.getKey());
        String paramPath = path + ".params." + entry.getKey();
        if (target == null) {
          problem(
              entry.getValue().keyPosition(),
              paramPath,
              "Bulwark's version of the template \""
                  + template.key()
                  + "\" takes "
                  + (template.parameters().isEmpty()
                      ? "no parameters"
                      : "only " + String.join(", ", template.parameters().keySet())));
          valid = false;
          continue;
        }
        String value = text(entry.getValue().value(), paramPath);
        if (value == null) {
          valid = false;
        } else if (!value.isEmpty()) {
          parameters.put(target, template.patterns().contains(target) ? anywhere(value) : value);
        }
      }
    }
    if (!kinds.isEmpty()) {
      if (template.takesKinds()) {
        parameters.put("kinds", kindsParameter(kinds));
      } else if (!kinds.contains(CheckTemplate.ANY) && !kinds.containsAll(template.natural())) {
        problem(
            check.keyPosition("scope"),
            path + ".scope.objectKinds",
            "Bulwark applies the template \""
                + template.key()
                + "\" to "
                + String.join(", ", template.natural())
                + " and cannot narrow it to "
                + String.join(", ", kinds)
                + "; remove the scope or use an exception");
        valid = false;
      }
    }
    if (!valid) {
      return null;
    }
    return policy(
        check, name, List.of(), List.of(new CheckReference(template.check(), parameters)));
  }

  private @Nullable Policy celPolicy(
      MapNode check, String name, @Nullable MapNode params, List<String> kinds, String path) {
    String expression = params == null ? null : params.string("check");
    if (params == null || expression == null || expression.isBlank()) {
      problem(
          check.keyPosition("params"),
          path + ".params.check",
          "the cel-expression template needs the CEL expression in params.check");
      return null;
    }
    if (params.keys().size() > 1) {
      problem(params.position(), path + ".params", "the cel-expression template takes only check");
      return null;
    }
    String guard = celGuard(kinds);
    String violated = "(" + expression.strip() + ") != \"\"";
    CelRule rule =
        new CelRule(
            name, guard.isEmpty() ? violated : guard + " && " + violated, name, expression.strip());
    return policy(check, name, List.of(rule), List.of());
  }

  /** A CEL condition for the scope: kube-linter kinds as object kinds or workloads. */
  private static String celGuard(List<String> kinds) {
    if (kinds.isEmpty() || kinds.contains(CheckTemplate.ANY)) {
      return "";
    }
    List<String> terms = new ArrayList<>();
    List<String> named = new ArrayList<>();
    for (String kind : kinds) {
      switch (kind) {
        case CheckTemplate.DEPLOYMENT_LIKE -> terms.add("size(workload) > 0");
        case "JobLike" -> {
          named.add("Job");
          named.add("CronJob");
        }
        default -> named.add(kind);
      }
    }
    if (!named.isEmpty()) {
      terms.add(
          "object.kind in ["
              + String.join(", ", named.stream().map(kind -> "\"" + kind + "\"").toList())
              + "]");
    }
    return "(" + String.join(" || ", terms) + ")";
  }

  /** The {@code kinds} parameter for kube-linter object kinds. */
  private static String kindsParameter(List<String> kinds) {
    List<String> out = new ArrayList<>();
    for (String kind : kinds) {
      switch (kind) {
        case CheckTemplate.ANY -> out.add("*");
        case CheckTemplate.DEPLOYMENT_LIKE -> out.add("workloads");
        case "JobLike" -> {
          out.add("Job");
          out.add("CronJob");
        }
        default -> out.add(kind);
      }
    }
    return String.join(",", out);
  }

  /**
   * kube-linter matches a regular expression anywhere in the text; Bulwark's check parameters match
   * the whole text, so the expression is wrapped. A leading {@code !} stays in front.
   */
  private static String anywhere(String expression) {
    boolean negated = expression.startsWith("!");
    String body = negated ? expression.substring(1) : expression;
    return (negated ? "!" : "") + "(?s:.*(?:" + body.strip() + ").*)";
  }

  private List<String> objectKinds(MapNode check, String path) {
    MapNode scope = check.map("scope");
    if (scope == null) {
      return List.of();
    }
    List<String> kinds = new ArrayList<>();
    for (Node item : scope.list("objectKinds")) {
      String kind = item instanceof ScalarNode scalar ? scalar.asText() : null;
      if (kind == null || kind.isBlank()) {
        problem(
            item.position(), path + ".scope.objectKinds", "expected a kind, such as Deployment");
      } else {
        kinds.add(kind);
      }
    }
    return kinds;
  }

  /** A parameter value as check parameter text: scalars as written, lists comma-separated. */
  private @Nullable String text(Node value, String path) {
    if (value instanceof ScalarNode scalar) {
      String text = scalar.asText();
      return text == null ? "" : text;
    }
    if (value instanceof ListNode list) {
      List<String> items = new ArrayList<>();
      for (Node item : list.items()) {
        String text = item instanceof ScalarNode scalar ? scalar.asText() : null;
        if (text == null || text.contains(",")) {
          problem(item.position(), path, "expected a list of plain values without commas");
          return null;
        }
        items.add(text);
      }
      return String.join(",", items);
    }
    problem(value.position(), path, "expected a value or a list of values");
    return null;
  }

  private static Policy policy(
      MapNode check, String name, List<CelRule> rules, List<CheckReference> checks) {
    String description = check.string("description");
    String remediation = check.string("remediation");
    return new Policy(
        ID_PREFIX + name,
        "kube-linter " + name,
        description == null || description.isBlank()
            ? "kube-linter custom check " + name + "."
            : description.strip(),
        "",
        remediation == null ? "" : remediation.strip(),
        false,
        List.of("kube-linter"),
        List.of(LifecycleStage.DEPLOY),
        EventSource.NOT_APPLICABLE,
        List.of(),
        List.of(),
        Severity.MEDIUM,
        List.of(),
        List.of(),
        "1.1",
        List.of(),
        List.of(),
        false,
        false,
        false,
        List.of(),
        List.of(CONTROL_PREFIX + name),
        rules,
        checks);
  }

  private void problem(Position position, String field, String reason) {
    problems.add(position, field, reason);
  }
}
