package dev.bulwark.policy.pss;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Pod Security policy a Namespace's {@code pod-security.kubernetes.io/*} labels set, read the
 * way the admission plugin reads them with its default configuration (every mode privileged at
 * latest unless labelled):
 *
 * <ul>
 *   <li>a missing {@code -version} label means {@code latest};
 *   <li>a bad enforce level means restricted (fail closed); a bad audit or warn level means
 *       privileged (fail open); a bad version means {@code latest}. Each is also a problem;
 *   <li>without a warn label, warn follows an enforce level stricter than privileged (with the
 *       enforce version unless {@code warn-version} says otherwise), so that clients are warned
 *       about what enforcement rejects.
 * </ul>
 *
 * @param enforce pods that fail it are rejected
 * @param audit failures are recorded in the audit log
 * @param warn failures are shown to the client as warnings
 * @param problems labels that could not be read, with what admission does instead
 */
public record NamespacePodSecurity(
    LevelVersion enforce, LevelVersion audit, LevelVersion warn, List<String> problems) {
  public NamespacePodSecurity {
    Objects.requireNonNull(enforce, "enforce");
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(warn, "warn");
    problems = List.copyOf(problems);
  }

  /** The policy of a namespace with these labels; empty when it has no Pod Security label. */
  public static Optional<NamespacePodSecurity> fromLabels(Map<String, String> labels) {
    if (labels.isEmpty() || !hasPodSecurityLabel(labels)) {
      return Optional.empty();
    }
    List<String> problems = new ArrayList<>();
    LevelVersion enforce = read(labels, AdmissionMode.ENFORCE, Level.RESTRICTED, problems);
    LevelVersion audit = read(labels, AdmissionMode.AUDIT, Level.PRIVILEGED, problems);
    LevelVersion warn = read(labels, AdmissionMode.WARN, Level.PRIVILEGED, problems);
    String enforceLevel = labels.get(AdmissionMode.ENFORCE.levelLabel());
    boolean enforceLabelValid = enforceLevel != null && isLevel(enforceLevel);
    if (!labels.containsKey(AdmissionMode.WARN.levelLabel())
        && enforceLabelValid
        && enforce.level().compareTo(warn.level()) > 0) {
      PolicyVersion version =
          labels.containsKey(AdmissionMode.WARN.versionLabel())
              ? warn.version()
              : enforce.version();
      warn = new LevelVersion(enforce.level(), version);
    }
    return Optional.of(new NamespacePodSecurity(enforce, audit, warn, problems));
  }

  /** The level and version of {@code mode}. */
  public LevelVersion of(AdmissionMode mode) {
    return switch (mode) {
      case ENFORCE -> enforce;
      case AUDIT -> audit;
      case WARN -> warn;
    };
  }

  private static boolean hasPodSecurityLabel(Map<String, String> labels) {
    for (AdmissionMode mode : AdmissionMode.values()) {
      if (labels.containsKey(mode.levelLabel()) || labels.containsKey(mode.versionLabel())) {
        return true;
      }
    }
    return false;
  }

  private static LevelVersion read(
      Map<String, String> labels, AdmissionMode mode, Level onBadLevel, List<String> problems) {
    Level level = Level.PRIVILEGED;
    String levelText = labels.get(mode.levelLabel());
    if (levelText != null) {
      try {
        level = Level.parse(levelText);
      } catch (IllegalArgumentException e) {
        level = onBadLevel;
        problems.add(problem(mode.levelLabel(), e, "admission uses " + onBadLevel));
      }
    }
    PolicyVersion version = PolicyVersion.latest();
    String versionText = labels.get(mode.versionLabel());
    if (versionText != null) {
      try {
        version = PolicyVersion.parse(versionText);
      } catch (IllegalArgumentException e) {
        problems.add(problem(mode.versionLabel(), e, "admission uses latest"));
      }
    }
    return new LevelVersion(level, version);
  }

  private static boolean isLevel(String text) {
    try {
      Level.parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String problem(String label, IllegalArgumentException e, String fallback) {
    return "label " + label + ": " + e.getMessage() + "; " + fallback;
  }
}
