package dev.bulwark.cli.policy;

import dev.bulwark.policy.check.NativeCheck;
import dev.bulwark.policy.check.NativeChecks;
import dev.bulwark.policy.field.PolicyField;
import dev.bulwark.policy.model.CheckReference;
import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.Policy;
import dev.bulwark.policy.model.PolicyGroup;
import dev.bulwark.policy.model.PolicySection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders reference documentation from the registries, so that the docs cannot drift from the code:
 * {@code docs/policies.md} from the built-in pack and {@code docs/criteria.md} from the field and
 * native-check registries. A test compares the checked-in files with this output.
 */
public final class PolicyMarkdown {
  private PolicyMarkdown() {}

  /** The reference page of a policy set. */
  public static String policies(List<Policy> policies) {
    StringBuilder out = new StringBuilder();
    out.append("# Built-in policies\n\n")
        .append("<!-- Generated from policy/src/main/resources/dev/bulwark/policy/builtin by\n")
        .append(
            "     `bulwark policy docs`; GeneratedDocsTest fails when this file is stale. -->\n\n")
        .append("Bulwark ships ")
        .append(policies.size())
        .append(" policies: ")
        .append(count(policies, LifecycleStage.DEPLOY))
        .append(" deploy-time ones, which `bulwark check` evaluates, and ")
        .append(count(policies, LifecycleStage.BUILD))
        .append(" build-time ones, which read image scan data and which `bulwark check` does not")
        .append(" evaluate.")
        .append(" Policies marked *off* ship disabled; turn them on with `--enable <id>`.")
        .append(" Policies marked *enforced* carry a deploy-stage")
        .append(" enforcement action: `bulwark check` exits 1 on them and the admission webhook")
        .append(" denies them. Opt an object out with the annotation")
        .append(" `ignore-check.bulwark.dev/<id>: \"<reason>\"`.\n\n")
        .append("| id | name | severity | enforced | controls |\n")
        .append("|---|---|---|---|---|\n");
    for (Policy policy : policies) {
      out.append("| [`")
          .append(policy.id())
          .append("`](#")
          .append(policy.id())
          .append(") | ")
          .append(escape(policy.name()))
          .append(policy.hasStage(LifecycleStage.DEPLOY) ? "" : " *(build-time)*")
          .append(policy.disabled() ? " *(off)*" : "")
          .append(" | ")
          .append(policy.severity())
          .append(" | ")
          .append(policy.isEnforcedAt(LifecycleStage.DEPLOY) ? "yes" : "")
          .append(" | ")
          .append(String.join(", ", policy.controls()))
          .append(" |\n");
    }
    for (Policy policy : policies) {
      out.append("\n## ").append(policy.id()).append("\n\n");
      out.append("**").append(escape(policy.name())).append("** — ").append(policy.severity());
      out.append(policy.hasStage(LifecycleStage.DEPLOY) ? "" : ", build-time");
      out.append(policy.disabled() ? ", off" : "");
      out.append(policy.isEnforcedAt(LifecycleStage.DEPLOY) ? ", enforced" : "").append(". ");
      out.append("Categories: ").append(String.join(", ", policy.categories())).append(".\n\n");
      out.append(policy.description()).append("\n\n");
      out.append("*Why:* ").append(policy.rationale()).append("\n\n");
      out.append("*Fix:* ").append(policy.remediation()).append("\n\n");
      out.append("*Criteria:* ").append(criteria(policy)).append("\n");
    }
    return out.toString();
  }

  private static long count(List<Policy> policies, LifecycleStage stage) {
    return policies.stream().filter(policy -> policy.hasStage(stage)).count();
  }

  /** The reference page of every policy criterion. */
  public static String criteria() {
    StringBuilder out = new StringBuilder();
    out.append("# Policy criteria\n\n")
        .append("<!-- Generated from dev.bulwark.policy.field.PolicyField and")
        .append(" dev.bulwark.policy.check.NativeChecks by `bulwark policy docs")
        .append(" --criteria`; GeneratedDocsTest fails when this file is stale. -->\n\n")
        .append("Every criterion of StackRox's policy language, as Bulwark reads it. Criteria that")
        .append(" need image data are reported as *not evaluated* until scan data is supplied;")
        .append(" runtime criteria are validated now and evaluated by the sensor.\n\n")
        .append("| criterion | stages | values | negate | multiple values | needs |\n")
        .append("|---|---|---|---|---|---|\n");
    for (PolicyField field : PolicyField.values()) {
      out.append("| ")
          .append(field.fieldName())
          .append(" | ")
          .append(
              field.stages().stream()
                  .sorted()
                  .map(LifecycleStage::name)
                  .map(stage -> stage.toLowerCase(Locale.ROOT))
                  .collect(Collectors.joining(", ")))
          .append(" | ")
          .append(escape(field.valueFormat()))
          .append(" | ")
          .append(field.negationForbidden() ? "no" : "yes")
          .append(" | ")
          .append(field.singleValue() ? "no" : "yes")
          .append(" | ")
          .append(needs(field))
          .append(" |\n");
    }
    appendNativeChecks(out);
    return out.toString();
  }

  private static void appendNativeChecks(StringBuilder out) {
    out.append("\n## Native checks\n\n")
        .append(
            "Bulwark's checks written in Java, for what the criteria above cannot say. A policy")
        .append(" names them in `checks`, each `{\"check\": ID, \"parameters\": {NAME: VALUE}}`;")
        .append(" a check counts as one more OR'ed section of the policy and, unlike a CEL rule,")
        .append(" needs no interpreter at start-up.\n\n")
        .append("| check | evaluated on | violated when | parameters |\n")
        .append("|---|---|---|---|\n");
    for (NativeCheck check : NativeChecks.all()) {
      out.append("| `")
          .append(check.id())
          .append("` | ")
          .append(check.target().description())
          .append(" | ")
          .append(escape(check.summary()))
          .append(" | ")
          .append(parameters(check))
          .append(" |\n");
    }
  }

  private static String parameters(NativeCheck check) {
    if (check.parameters().isEmpty()) {
      return "none";
    }
    return check.parameters().stream()
        .map(parameter ->
            "`"
                + parameter.name()
                + "`: "
                + escape(parameter.description())
                + (parameter.isRequired()
                    ? " Required."
                    : " Unset: " + escape(parameter.whenUnset()) + "."))
        .collect(Collectors.joining("<br>"));
  }

  private static String needs(PolicyField field) {
    if (field.requiresImageData()) {
      return "image data";
    }
    if (field.isRuntime()) {
      return "runtime events";
    }
    return "manifest";
  }

  private static String criteria(Policy policy) {
    List<String> parts =
        policy.sections().stream().map(PolicyMarkdown::section).collect(Collectors.toList());
    policy
        .rules()
        .forEach(rule -> parts.add("CEL `" + rule.expression().replace("|", "\\|") + "`"));
    policy.checks().forEach(check -> parts.add(check(check)));
    return String.join(" **or** ", parts);
  }

  private static String check(CheckReference check) {
    String parameters =
        check.parameters().entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(entry -> entry.getKey() + "=" + entry.getValue())
            .collect(Collectors.joining(", "));
    return "check `"
        + check.check()
        + "`"
        + (parameters.isEmpty() ? "" : " (" + escape(parameters) + ")");
  }

  private static String section(PolicySection section) {
    return section.groups().stream()
        .map(PolicyMarkdown::group)
        .collect(Collectors.joining(" and ", "(", ")"));
  }

  private static String group(PolicyGroup group) {
    String values =
        group.values().stream()
            .map(value -> "`" + value.replace("|", "\\|") + "`")
            .collect(
                Collectors.joining(
                    group.booleanOperator().name().equals("AND") ? " and " : " or "));
    return (group.negate() ? "not " : "") + group.fieldName() + " = " + values;
  }

  private static String escape(String text) {
    return text.replace("|", "\\|");
  }
}
