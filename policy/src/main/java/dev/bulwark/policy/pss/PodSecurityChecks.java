package dev.bulwark.policy.pss;

import static dev.bulwark.policy.pss.PodSecurityCheck.baseline;
import static dev.bulwark.policy.pss.PodSecurityCheck.restricted;
import static dev.bulwark.policy.pss.PodSecurityCheck.since;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every Pod Security Standards check, listed explicitly with the versions at which it started or
 * changed, as the admission plugin registers them. The list is validated when this class loads
 * (unique IDs, strictly increasing versions, overrides only from restricted onto existing baseline
 * checks), and the checks of every level and version are worked out once, so evaluation only runs
 * rules.
 *
 * <p>At a version, a level runs: baseline, its baseline checks; restricted, its restricted checks
 * plus the baseline checks none of them overrides. Checks run in the plugin's order: baseline IDs
 * sorted, then restricted IDs sorted.
 */
public final class PodSecurityChecks {
  private static final List<PodSecurityCheck> ALL =
      validated(
          List.of(
              baseline(
                  "appArmorProfile",
                  "AppArmor may not be disabled or overridden: profile types RuntimeDefault or"
                      + " Localhost only; legacy annotations runtime/default or localhost/* only.",
                  since(0, ProfileChecks::appArmorProfile)),
              baseline(
                  "capabilities_baseline",
                  "Containers may add only capabilities of the runtime's default set.",
                  since(0, PrivilegeChecks::capabilitiesBaseline)),
              baseline(
                  "hostNamespaces",
                  "The pod may not share the node's network, PID or IPC namespace.",
                  since(0, HostAccessChecks::hostNamespaces)),
              baseline(
                  "hostPathVolumes",
                  "The pod may not use hostPath volumes.",
                  since(0, VolumeChecks::hostPathVolumes)),
              baseline(
                  "hostPorts",
                  "Containers may not bind ports of the node (hostPort).",
                  since(0, HostAccessChecks::hostPorts)),
              baseline(
                  "hostProbesAndHostLifecycle",
                  "Probes and lifecycle handlers may not target another host (v1.34+).",
                  since(34, HostAccessChecks::hostProbesAndHostLifecycle)),
              baseline(
                  "privileged",
                  "Containers may not run privileged.",
                  since(0, PrivilegeChecks::privileged)),
              baseline(
                  "procMount",
                  "Containers keep the default masked /proc; from v1.35 any value is allowed in"
                      + " pods with hostUsers: false.",
                  since(0, KernelChecks::procMount),
                  since(35, ((PodCheckRule) KernelChecks::procMount).exceptOwnUserNamespace())),
              baseline(
                  "seLinuxOptions",
                  "SELinux user and role may not be set, and the type only to a container type"
                      + " (container_engine_t allowed from v1.31).",
                  since(0, ProfileChecks::seLinuxOptions1Dot0),
                  since(31, ProfileChecks::seLinuxOptions1Dot31)),
              baseline(
                  "seccompProfile_baseline",
                  "Seccomp may not be disabled: legacy annotations up to v1.18, profile types"
                      + " RuntimeDefault or Localhost from v1.19.",
                  since(0, SeccompChecks::baselineAnnotations),
                  since(19, SeccompChecks::baselineFields)),
              baseline(
                  "sysctls",
                  "Only sysctls that are namespaced and safe may be set; the list grew in v1.27,"
                      + " v1.29, v1.32 and v1.37.",
                  since(0, KernelChecks.sysctls(KernelChecks.SYSCTLS_1_0)),
                  since(27, KernelChecks.sysctls(KernelChecks.SYSCTLS_1_27)),
                  since(29, KernelChecks.sysctls(KernelChecks.SYSCTLS_1_29)),
                  since(32, KernelChecks.sysctls(KernelChecks.SYSCTLS_1_32)),
                  since(37, KernelChecks.sysctls(KernelChecks.SYSCTLS_1_37))),
              baseline(
                  "windowsHostProcess",
                  "Pods and containers may not run as Windows host processes.",
                  since(0, HostAccessChecks::windowsHostProcess)),
              restricted(
                  "allowPrivilegeEscalation",
                  "Containers set allowPrivilegeEscalation: false (v1.8+; Windows pods exempt"
                      + " from v1.25).",
                  Set.of(),
                  since(8, PrivilegeChecks::allowPrivilegeEscalation),
                  since(
                      25,
                      ((PodCheckRule) PrivilegeChecks::allowPrivilegeEscalation)
                          .exceptWindowsPods())),
              restricted(
                  "capabilities_restricted",
                  "Containers drop ALL capabilities and add at most NET_BIND_SERVICE (v1.22+;"
                      + " Windows pods exempt from v1.25).",
                  Set.of("capabilities_baseline"),
                  since(22, PrivilegeChecks::capabilitiesRestricted),
                  since(
                      25,
                      ((PodCheckRule) PrivilegeChecks::capabilitiesRestricted)
                          .exceptWindowsPods())),
              restricted(
                  "procMount_restricted",
                  "Containers keep the default masked /proc even with hostUsers: false (v1.35+).",
                  Set.of("procMount"),
                  since(35, KernelChecks::procMount)),
              restricted(
                  "restrictedVolumes",
                  "Volumes use only configMap, csi, downwardAPI, emptyDir, ephemeral, image,"
                      + " persistentVolumeClaim, projected or secret sources.",
                  Set.of("hostPathVolumes"),
                  since(0, VolumeChecks::restrictedVolumes)),
              restricted(
                  "runAsNonRoot",
                  "The pod or every container sets runAsNonRoot: true; from v1.35 pods with"
                      + " hostUsers: false are exempt.",
                  Set.of(),
                  since(0, UserChecks::runAsNonRoot),
                  since(35, ((PodCheckRule) UserChecks::runAsNonRoot).exceptOwnUserNamespace())),
              restricted(
                  "runAsUser",
                  "Neither the pod nor a container sets runAsUser: 0 (v1.23+); from v1.35 pods"
                      + " with hostUsers: false are exempt.",
                  Set.of(),
                  since(23, UserChecks::runAsUser),
                  since(35, ((PodCheckRule) UserChecks::runAsUser).exceptOwnUserNamespace())),
              restricted(
                  "seccompProfile_restricted",
                  "The pod or every container sets a RuntimeDefault or Localhost seccomp profile"
                      + " (v1.19+; Windows pods exempt from v1.25).",
                  Set.of("seccompProfile_baseline"),
                  since(19, SeccompChecks::restricted),
                  since(25, ((PodCheckRule) SeccompChecks::restricted).exceptWindowsPods()))));

  private static final int NEWEST_MINOR = newestMinor(ALL);

  /** The checks to run, in order, for each minor version 0..NEWEST_MINOR. */
  private static final List<List<ActiveCheck>> BASELINE_BY_MINOR = table(Level.BASELINE);

  private static final List<List<ActiveCheck>> RESTRICTED_BY_MINOR = table(Level.RESTRICTED);

  /** A check with the rule it runs at one version. */
  record ActiveCheck(String id, PodCheckRule rule) {}

  private PodSecurityChecks() {}

  /** Every check: baseline checks by ID, then restricted checks by ID. */
  public static List<PodSecurityCheck> all() {
    return ALL;
  }

  public static Optional<PodSecurityCheck> byId(String id) {
    return ALL.stream().filter(check -> check.id().equals(id)).findFirst();
  }

  /** The newest policy version with a change: what {@code latest} means. */
  public static int newestMinor() {
    return NEWEST_MINOR;
  }

  /** The IDs of the checks {@code policy} runs, in the order they run. */
  public static List<String> idsAt(LevelVersion policy) {
    return activeAt(policy).stream().map(ActiveCheck::id).toList();
  }

  static List<ActiveCheck> activeAt(LevelVersion policy) {
    int minor = policy.version().effectiveMinor();
    return switch (policy.level()) {
      case PRIVILEGED -> List.of();
      case BASELINE -> BASELINE_BY_MINOR.get(minor);
      case RESTRICTED -> RESTRICTED_BY_MINOR.get(minor);
    };
  }

  private static List<List<ActiveCheck>> table(Level level) {
    List<List<ActiveCheck>> byMinor = new ArrayList<>();
    for (int minor = 0; minor <= NEWEST_MINOR; minor++) {
      byMinor.add(active(level, minor));
    }
    return List.copyOf(byMinor);
  }

  private static List<ActiveCheck> active(Level level, int minor) {
    Set<String> overridden = new HashSet<>();
    if (level == Level.RESTRICTED) {
      for (PodSecurityCheck check : ALL) {
        if (check.level() == Level.RESTRICTED && check.ruleAt(minor) != null) {
          overridden.addAll(check.overrides());
        }
      }
    }
    List<ActiveCheck> out = new ArrayList<>();
    for (PodSecurityCheck check : ALL) {
      PodCheckRule rule = check.ruleAt(minor);
      boolean inLevel = check.level().compareTo(level) <= 0;
      if (rule != null && inLevel && !overridden.contains(check.id())) {
        out.add(new ActiveCheck(check.id(), rule));
      }
    }
    return List.copyOf(out);
  }

  private static int newestMinor(List<PodSecurityCheck> checks) {
    int newest = 0;
    for (PodSecurityCheck check : checks) {
      List<PodSecurityCheck.Stage> stages = check.stages();
      newest = Math.max(newest, stages.get(stages.size() - 1).sinceMinor());
    }
    return newest;
  }

  private static List<PodSecurityCheck> validated(List<PodSecurityCheck> checks) {
    List<PodSecurityCheck> sorted = new ArrayList<>(checks);
    sorted.sort(Comparator.comparing(PodSecurityCheck::level).thenComparing(PodSecurityCheck::id));
    List<String> problems = problems(sorted);
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "invalid Pod Security checks: " + String.join("; ", problems));
    }
    return List.copyOf(sorted);
  }

  static List<String> problems(List<PodSecurityCheck> checks) {
    List<String> problems = new ArrayList<>();
    Map<String, Level> levels = new HashMap<>();
    for (PodSecurityCheck check : checks) {
      if (levels.put(check.id(), check.level()) != null) {
        problems.add(check.id() + ": ID used by two checks");
      }
      if (check.level() == Level.PRIVILEGED) {
        problems.add(check.id() + ": the privileged level has no checks");
      }
      if (check.summary().isBlank()) {
        problems.add(check.id() + ": no summary");
      }
      problems.addAll(stageProblems(check));
    }
    for (PodSecurityCheck check : checks) {
      for (String overridden : check.overrides()) {
        if (check.level() != Level.RESTRICTED || levels.get(overridden) != Level.BASELINE) {
          problems.add(
              check.id()
                  + ": only a restricted check may override a baseline check: "
                  + overridden);
        }
      }
    }
    return problems;
  }

  private static List<String> stageProblems(PodSecurityCheck check) {
    List<String> problems = new ArrayList<>();
    if (check.stages().isEmpty()) {
      problems.add(check.id() + ": no versions");
    }
    int previous = -1;
    for (PodSecurityCheck.Stage stage : check.stages()) {
      if (stage.sinceMinor() <= previous) {
        problems.add(check.id() + ": versions must strictly increase");
      }
      previous = stage.sinceMinor();
    }
    return problems;
  }
}
