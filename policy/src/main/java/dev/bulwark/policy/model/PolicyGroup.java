package dev.bulwark.policy.model;

import java.util.List;

/** One criterion: a field, its values combined with {@code booleanOperator}, optionally negated. */
public record PolicyGroup(
    String fieldName, BooleanOperator booleanOperator, boolean negate, List<String> values) {
  public PolicyGroup {
    values = List.copyOf(values);
  }
}
