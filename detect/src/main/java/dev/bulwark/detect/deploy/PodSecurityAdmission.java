package dev.bulwark.detect.deploy;

import dev.bulwark.core.manifest.Location;
import dev.bulwark.core.workload.Workload;
import dev.bulwark.detect.report.Finding;
import dev.bulwark.detect.report.PolicyInfo;
import dev.bulwark.policy.model.Severity;
import dev.bulwark.policy.pss.AdmissionMode;
import dev.bulwark.policy.pss.FailedCheck;
import dev.bulwark.policy.pss.Level;
import dev.bulwark.policy.pss.LevelVersion;
import dev.bulwark.policy.pss.NamespacePodSecurity;
import dev.bulwark.policy.pss.PodDefinition;
import dev.bulwark.policy.pss.PodSecurityChecks;
import dev.bulwark.policy.pss.PodSecurityResult;
import dev.bulwark.policy.pss.PodSecurityStandards;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the PodSecurity admission plugin will say about a workload, from the {@code
 * pod-security.kubernetes.io/*} labels of its Namespace when that Namespace is in the input. Each
 * mode is reported as its own policy ({@code pod-security-enforce}, {@code -audit}, {@code -warn});
 * enforce findings block, since the cluster rejects those pods.
 *
 * <p>A mode at the privileged level checks nothing; a mode with the same level and version as one
 * already reported adds nothing and is left out; and, as the plugin does, a Pod that enforcement
 * rejects gets no warnings. Thread-safe: the run evaluates sources in parallel.
 */
public final class PodSecurityAdmission {
  private static final String LABEL_PREFIX = "pod-security.kubernetes.io/";

  /**
   * The policy of each mode, in mode order, spelled out so that a run can choose among them without
   * loading the Pod Security classes.
   */
  public static final List<String> POLICY_IDS =
      List.of("pod-security-enforce", "pod-security-audit", "pod-security-warn");

  private final Blocking blocking;
  private final Set<String> selectedPolicies;
  private final Set<AdmissionMode> modesUsed = ConcurrentHashMap.newKeySet();
  private final Set<String> labelProblems = ConcurrentHashMap.newKeySet();

  /** {@code selectedPolicies}: the ids of {@link #POLICY_IDS} that the command line leaves on. */
  PodSecurityAdmission(Blocking blocking, Set<String> selectedPolicies) {
    this.blocking = blocking;
    this.selectedPolicies = Set.copyOf(selectedPolicies);
  }

  /** Whether a namespace's labels set any Pod Security mode; cheap, for every workload. */
  static boolean applies(Map<String, String> namespaceLabels) {
    if (namespaceLabels.isEmpty()) {
      return false;
    }
    for (String key : namespaceLabels.keySet()) {
      if (key.startsWith(LABEL_PREFIX)) {
        return true;
      }
    }
    return false;
  }

  /** The evaluation of one workload: its findings and the modes that were evaluated. */
  record Outcome(List<Finding> findings, List<String> policyIds) {}

  Outcome evaluate(Workload workload, Map<String, String> namespaceLabels) {
    NamespacePodSecurity namespace = NamespacePodSecurity.fromLabels(namespaceLabels).orElse(null);
    if (namespace == null) {
      return new Outcome(List.of(), List.of());
    }
    namespace
        .problems()
        .forEach(
            problem -> labelProblems.add("namespace \"" + workload.namespace() + "\": " + problem));
    PodDefinition pod = PodDefinition.of(workload);
    List<Finding> findings = new ArrayList<>();
    List<String> policyIds = new ArrayList<>();
    List<LevelVersion> evaluated = new ArrayList<>();
    boolean rejected = false;
    for (AdmissionMode mode : AdmissionMode.values()) {
      LevelVersion policy = namespace.of(mode);
      boolean warningSuppressed = mode == AdmissionMode.WARN && rejected && isPod(workload);
      if (!selectedPolicies.contains(policyId(mode))
          || policy.level() == Level.PRIVILEGED
          || evaluated.contains(policy)
          || warningSuppressed) {
        continue;
      }
      evaluated.add(policy);
      modesUsed.add(mode);
      policyIds.add(policyId(mode));
      PodSecurityResult result = PodSecurityStandards.evaluate(pod, policy);
      rejected |= mode == AdmissionMode.ENFORCE && !result.allowed();
      for (FailedCheck failed : result.failedChecks()) {
        findings.add(finding(mode, policy, failed, workload));
      }
    }
    return new Outcome(findings, policyIds);
  }

  /** The policies of the modes evaluated so far, in mode order. */
  List<PolicyInfo> policyInfos() {
    List<PolicyInfo> infos = new ArrayList<>();
    for (AdmissionMode mode : AdmissionMode.values()) {
      if (modesUsed.contains(mode)) {
        infos.add(policyInfo(mode));
      }
    }
    return infos;
  }

  /** Namespace labels that could not be read, each once, sorted. */
  List<String> labelProblems() {
    return labelProblems.stream().sorted().toList();
  }

  private Finding finding(
      AdmissionMode mode, LevelVersion policy, FailedCheck failed, Workload workload) {
    Severity severity = severity(mode);
    Location location = failed.location();
    String level =
        PodSecurityChecks.byId(failed.id()).map(check -> check.level().label()).orElseThrow();
    return new Finding(
        policyName(mode),
        policyId(mode),
        severity,
        policy
            + " check "
            + failed.id()
            + " fails: "
            + consequence(mode, workload)
            + ": "
            + failed.message(),
        location.file(),
        location.line(),
        location.column(),
        failed.path().toString(),
        blocking.blocks(severity, mode == AdmissionMode.ENFORCE),
        false,
        null,
        List.of("pss:" + level + ":" + failed.id()));
  }

  private static String consequence(AdmissionMode mode, Workload workload) {
    String pods = isPod(workload) ? "the pod" : "the pods of this " + workload.kind();
    return switch (mode) {
      case ENFORCE -> "admission rejects " + pods;
      case AUDIT -> "admission records " + pods + " in the audit log";
      case WARN -> "admission warns about " + pods;
    };
  }

  private static boolean isPod(Workload workload) {
    return workload.kind().equals("Pod") && workload.object().group().isEmpty();
  }

  public static String policyId(AdmissionMode mode) {
    return "pod-security-" + mode.label();
  }

  private static String policyName(AdmissionMode mode) {
    return "Pod Security admission (" + mode.label() + ")";
  }

  private static Severity severity(AdmissionMode mode) {
    return mode == AdmissionMode.ENFORCE ? Severity.HIGH : Severity.MEDIUM;
  }

  private static PolicyInfo policyInfo(AdmissionMode mode) {
    String what =
        switch (mode) {
          case ENFORCE -> "rejects";
          case AUDIT -> "records in the audit log";
          case WARN -> "warns about";
        };
    return new PolicyInfo(
        policyId(mode),
        policyName(mode),
        severity(mode),
        "Pods that the Kubernetes PodSecurity admission plugin "
            + what
            + ", at the level and version the Namespace's pod-security.kubernetes.io/"
            + mode.label()
            + " labels set.",
        "The cluster applies these Pod Security Standards to every pod of the namespace, whatever"
            + " other policies say.",
        "Change the pod spec so that it meets the level, or change the namespace's labels.",
        List.of("Pod Security Standards"),
        List.of(),
        mode == AdmissionMode.ENFORCE);
  }
}
