package dev.bulwark.central.risk;

import java.util.List;

/**
 * One multiplier of a risk score.
 *
 * @param heading what it is about, e.g. {@code Policy Violations}
 * @param multiplier its value, at least 1
 * @param facts what it is made of, in plain words
 */
public record RiskFactor(String heading, double multiplier, List<String> facts) {
  public RiskFactor {
    if (multiplier < 1) {
      throw new IllegalArgumentException("a risk multiplier is at least 1, got " + multiplier);
    }
    facts = List.copyOf(facts);
  }
}
