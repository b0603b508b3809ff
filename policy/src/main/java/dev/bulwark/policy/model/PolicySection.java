package dev.bulwark.policy.model;

import java.util.List;

/** Groups that must all match (AND). The sections of a policy are OR'ed. */
public record PolicySection(String sectionName, List<PolicyGroup> groups) {
  public PolicySection {
    groups = List.copyOf(groups);
  }
}
