package dev.bulwark.cli.image;

import dev.bulwark.policy.field.PolicyField;
import dev.bulwark.policy.model.Policy;
import dev.bulwark.policy.model.PolicyGroup;
import dev.bulwark.policy.model.PolicySection;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The image criteria an image check cannot decide, each with the reason. Core's image data has a
 * place for every criterion, but some have nothing behind them here: left as they are, their
 * criteria would quietly never match (an unknown NVD score reads as 0), so the check reports the
 * policies that depend on them as not evaluated instead. Immutable and thread-safe.
 */
final class UnknownFields {
  /** The criteria that read the vulnerabilities of the image's packages. */
  static final Set<PolicyField> VULNERABILITY_FIELDS =
      EnumSet.of(
          PolicyField.CVE,
          PolicyField.CVSS,
          PolicyField.NVD_CVSS,
          PolicyField.SEVERITY,
          PolicyField.FIXABLE,
          PolicyField.FIXED_BY,
          PolicyField.DAYS_SINCE_CVE_WAS_PUBLISHED,
          PolicyField.DAYS_SINCE_CVE_FIX_WAS_AVAILABLE,
          PolicyField.DAYS_SINCE_CVE_WAS_FIRST_DISCOVERED_IN_IMAGE,
          PolicyField.DAYS_SINCE_CVE_WAS_FIRST_DISCOVERED_IN_SYSTEM);

  private static final String NOT_CHECKED = "vulnerabilities were not checked (--skip-db)";
  private static final String NO_HISTORY = "Bulwark keeps no history of earlier scans";

  /** Never known to an image check, whatever the database holds. */
  private static final Map<PolicyField, String> ALWAYS =
      Map.of(
          PolicyField.NVD_CVSS,
          "OSV records carry no NVD scores",
          PolicyField.DAYS_SINCE_CVE_FIX_WAS_AVAILABLE,
          "OSV records do not say when a fix became available",
          PolicyField.DAYS_SINCE_CVE_WAS_FIRST_DISCOVERED_IN_IMAGE,
          NO_HISTORY,
          PolicyField.DAYS_SINCE_CVE_WAS_FIRST_DISCOVERED_IN_SYSTEM,
          NO_HISTORY,
          PolicyField.IMAGE_SIGNATURE_VERIFIED_BY,
          "image signatures are not verified");

  private final Map<PolicyField, String> reasons;

  private UnknownFields(Map<PolicyField, String> reasons) {
    this.reasons = Map.copyOf(reasons);
  }

  /**
   * The fields unknown to a check whose vulnerabilities were looked up ({@code checked}) or not.
   */
  static UnknownFields of(boolean vulnerabilitiesChecked) {
    Map<PolicyField, String> reasons = new HashMap<>(ALWAYS);
    if (!vulnerabilitiesChecked) {
      for (PolicyField field : VULNERABILITY_FIELDS) {
        reasons.putIfAbsent(field, NOT_CHECKED);
      }
    }
    return new UnknownFields(reasons);
  }

  /** True when some criterion of the policy reads vulnerabilities. */
  static boolean readsVulnerabilities(Policy policy) {
    for (PolicySection section : policy.sections()) {
      for (PolicyGroup group : section.groups()) {
        if (field(group).filter(VULNERABILITY_FIELDS::contains).isPresent()) {
          return true;
        }
      }
    }
    return false;
  }

  boolean isUnknown(PolicyGroup group) {
    return field(group).filter(reasons::containsKey).isPresent();
  }

  /**
   * Why a policy whose sections need {@code fields} is not evaluated: the fields grouped by reason,
   * in the order given, e.g. {@code "needs NVD CVSS: OSV records carry no NVD scores"}.
   */
  String reason(List<PolicyField> fields) {
    Map<String, List<String>> byReason = new LinkedHashMap<>();
    for (PolicyField field : fields) {
      String reason = reasons.get(field);
      if (reason != null) {
        byReason.computeIfAbsent(reason, key -> new ArrayList<>()).add(field.fieldName());
      }
    }
    List<String> parts = new ArrayList<>();
    byReason.forEach(
        (reason, names) -> parts.add("needs " + String.join(", ", names) + ": " + reason));
    return String.join("; ", parts);
  }

  static Optional<PolicyField> field(PolicyGroup group) {
    return PolicyField.byName(group.fieldName());
  }
}
