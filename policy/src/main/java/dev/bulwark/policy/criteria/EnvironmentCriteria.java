package dev.bulwark.policy.criteria;

import dev.bulwark.core.workload.EnvVar;
import dev.bulwark.policy.field.PolicyField;
import dev.bulwark.policy.model.PolicyGroup;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The Environment Variable criterion, {@code SOURCE=NAME=VALUE}: three regexes, an empty one
 * matching anything. For RAW variables the value side matches the literal value; for the others it
 * matches the reference (secret and key, config map and key, field path). Messages never print a
 * RAW value: it may be a secret.
 */
final class EnvironmentCriteria {
  private EnvironmentCriteria() {}

  static @Nullable Criterion<EnvironmentElement> environmentVariable(
      PolicyGroup group, List<ValueProblem> problems) {
    return CriterionBuilder.<EnvironmentElement, EnvVar>of(PolicyField.ENVIRONMENT_VARIABLE, group)
        .values(problems, EnvironmentCriteria::parse)
        .reads(EnvironmentElement::variable)
        .describedAs(EnvironmentCriteria::describe)
        .at(element -> element.variable().path())
        .build();
  }

  private static Predicate<EnvVar> parse(String value) {
    List<String> parts =
        Values.split(value, 3, "SOURCE=NAME=VALUE (each part a regex, empty = any)");
    TextPattern source = TextPattern.compileOptional(parts.get(0));
    TextPattern name = TextPattern.compileOptional(parts.get(1));
    TextPattern content = TextPattern.compileOptional(parts.get(2));
    return variable ->
        source.matches(variable.source().name())
            && name.matches(variable.name())
            && content.matches(variable.value());
  }

  private static String describe(EnvironmentElement element) {
    EnvVar variable = element.variable();
    String subject =
        "Environment variable "
            + Text.quote(variable.name())
            + " in container "
            + Text.quote(element.container().name());
    return switch (variable.source()) {
      case RAW -> subject + " is set to a raw value matching the policy";
      case SECRET_KEY -> subject + " comes from secret key " + Text.quote(variable.value());
      case CONFIG_MAP_KEY -> subject + " comes from config map key " + Text.quote(variable.value());
      case FIELD -> subject + " comes from field " + Text.quote(variable.value());
      case RESOURCE_FIELD -> subject + " comes from resource field " + Text.quote(variable.value());
      case UNKNOWN -> subject + " comes from an unrecognized source";
    };
  }
}
