package dev.bulwark.policy.framework;

import dev.bulwark.policy.framework.Framework.Control;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every framework Bulwark knows, listed explicitly and validated when this class loads (kebab-case
 * unique names, titles, descriptions that are sentences, unique control ids, and default controls
 * for a framework that decides its own defaults), so that a mistake fails every run at once.
 *
 * <p>kube-linter's controls are its 63 built-in checks; 31 of them are on by default in
 * kube-linter, and {@code --framework kube-linter} keeps exactly that selection.
 */
public final class Frameworks {
  private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Pattern CONTROL = Pattern.compile("[A-Za-z0-9_.:-]+");
  private static final boolean ON = true;
  private static final boolean OFF = false;

  private static final Map<String, Framework> BY_NAME =
      validated(
          List.of(
              new Framework(
                  "cis-k8s",
                  "CIS Kubernetes Benchmark",
                  "The Center for Internet Security's hardening benchmark for Kubernetes; controls"
                      + " are its section numbers, such as 5.2.2 for privileged containers.",
                  List.of(),
                  false),
              new Framework(
                  "kube-linter",
                  "kube-linter",
                  "The built-in checks of StackRox's kube-linter, by check name; selecting the"
                      + " framework turns on the checks kube-linter runs by default.",
                  kubeLinterChecks(),
                  true),
              new Framework(
                  "mitre-attack",
                  "MITRE ATT&CK",
                  "MITRE's knowledge base of adversary techniques (Enterprise, Containers"
                      + " platform); controls are technique ids in lower case, such as t1611.",
                  List.of(),
                  false),
              new Framework(
                  "nist-800-190",
                  "NIST SP 800-190",
                  "NIST's Application Container Security Guide; controls are the numbers of the"
                      + " risks of its section 4, such as 4.4.3.",
                  List.of(),
                  false),
              new Framework(
                  "nist-800-53",
                  "NIST SP 800-53 Rev. 5",
                  "NIST's catalogue of security and privacy controls; controls are base control ids"
                      + " in lower case, such as ac-6.",
                  List.of(),
                  false),
              new Framework(
                  "nsa-cisa",
                  "NSA/CISA Kubernetes Hardening Guide",
                  "The NSA and CISA Kubernetes Hardening Guide (v1.2); the guide has no numbers, so"
                      + " controls are Bulwark's short names of its sections, such as rbac.",
                  List.of(),
                  false),
              new Framework(
                  "pss",
                  "Kubernetes Pod Security Standards",
                  "The baseline and restricted Pod Security Standards; controls are the level and"
                      + " the control, such as baseline:privileged.",
                  List.of(),
                  false)));

  private Frameworks() {}

  /** Every framework, ordered by name. */
  public static List<Framework> all() {
    return List.copyOf(BY_NAME.values());
  }

  /** The framework called {@code name} (case-insensitive). */
  public static Optional<Framework> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name.toLowerCase(Locale.ROOT)));
  }

  /** kube-linter's built-in checks and whether kube-linter runs each by default. */
  private static List<Control> kubeLinterChecks() {
    return List.of(
        new Control("access-to-create-pods", OFF),
        new Control("access-to-secrets", OFF),
        new Control("cluster-admin-role-binding", OFF),
        new Control("dangling-horizontalpodautoscaler", OFF),
        new Control("dangling-ingress", OFF),
        new Control("dangling-networkpolicy", OFF),
        new Control("dangling-networkpolicypeer-podselector", OFF),
        new Control("dangling-service", ON),
        new Control("dangling-servicemonitor", OFF),
        new Control("default-service-account", OFF),
        new Control("deprecated-service-account-field", ON),
        new Control("dnsconfig-options", OFF),
        new Control("docker-sock", ON),
        new Control("drop-net-raw-capability", ON),
        new Control("duplicate-env-var", ON),
        new Control("env-value-from", OFF),
        new Control("env-var-secret", ON),
        new Control("exposed-services", OFF),
        new Control("host-ipc", ON),
        new Control("host-network", ON),
        new Control("host-pid", ON),
        new Control("hpa-minimum-three-replicas", OFF),
        new Control("invalid-target-ports", ON),
        new Control("job-ttl-seconds-after-finished", ON),
        new Control("latest-tag", ON),
        new Control("liveness-port", ON),
        new Control("minimum-three-replicas", OFF),
        new Control("mismatching-selector", ON),
        new Control("no-anti-affinity", ON),
        new Control("no-extensions-v1beta", ON),
        new Control("no-liveness-probe", OFF),
        new Control("no-node-affinity", OFF),
        new Control("no-read-only-root-fs", ON),
        new Control("no-readiness-probe", OFF),
        new Control("no-rolling-update-strategy", OFF),
        new Control("non-existent-service-account", ON),
        new Control("non-isolated-pod", OFF),
        new Control("pdb-max-unavailable", ON),
        new Control("pdb-min-available", ON),
        new Control("pdb-unhealthy-pod-eviction-policy", ON),
        new Control("priority-class-name", OFF),
        new Control("privilege-escalation-container", ON),
        new Control("privileged-container", ON),
        new Control("privileged-ports", OFF),
        new Control("read-secret-from-env-var", OFF),
        new Control("readiness-port", ON),
        new Control("required-annotation-email", OFF),
        new Control("required-label-owner", OFF),
        new Control("restart-policy", OFF),
        new Control("run-as-non-root", ON),
        new Control("scc-deny-privileged-container", OFF),
        new Control("schema-validation", OFF),
        new Control("sensitive-host-mounts", ON),
        new Control("sorted-keys", OFF),
        new Control("ssh-port", ON),
        new Control("startup-port", ON),
        new Control("unsafe-proc-mount", OFF),
        new Control("unsafe-sysctls", ON),
        new Control("unset-cpu-requirements", ON),
        new Control("unset-memory-requirements", ON),
        new Control("use-namespace", OFF),
        new Control("wildcard-in-rules", OFF),
        new Control("writable-host-mount", OFF));
  }

  private static Map<String, Framework> validated(List<Framework> frameworks) {
    List<String> problems = new ArrayList<>();
    Map<String, Framework> byName = new LinkedHashMap<>();
    frameworks.stream()
        .sorted((a, b) -> a.name().compareTo(b.name()))
        .forEach(framework -> {
          problems.addAll(problems(framework));
          if (byName.putIfAbsent(framework.name(), framework) != null) {
            problems.add(framework.name() + ": name used by two frameworks");
          }
        });
    if (!problems.isEmpty()) {
      throw new IllegalStateException("invalid frameworks: " + String.join("; ", problems));
    }
    return byName;
  }

  static List<String> problems(Framework framework) {
    List<String> problems = new ArrayList<>();
    String name = framework.name();
    if (!NAME.matcher(name).matches()) {
      problems.add(name + ": name is not lower-case kebab-case");
    }
    if (framework.title().isBlank()) {
      problems.add(name + ": no title");
    }
    if (framework.description().isBlank() || !framework.description().endsWith(".")) {
      problems.add(name + ": the description is not a sentence");
    }
    Set<String> ids = new HashSet<>();
    for (Control control : framework.controls()) {
      if (!CONTROL.matcher(control.id()).matches() || !ids.add(control.id())) {
        problems.add(name + ": control \"" + control.id() + "\" is invalid or repeated");
      }
    }
    if (framework.ownDefaults() && framework.controls().stream().noneMatch(Control::onByDefault)) {
      problems.add(name + ": decides its own defaults but turns no control on");
    }
    return problems;
  }
}
