package dev.bulwark.policy.model;

public enum BooleanOperator {
  OR,
  AND
}
