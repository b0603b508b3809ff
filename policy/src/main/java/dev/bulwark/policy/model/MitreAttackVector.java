package dev.bulwark.policy.model;

import java.util.List;

public record MitreAttackVector(String tactic, List<String> techniques) {
  public MitreAttackVector {
    techniques = List.copyOf(techniques);
  }
}
