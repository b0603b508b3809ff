package dev.bulwark.policy.kubelinter;

import dev.bulwark.policy.check.CheckParameter;
import dev.bulwark.policy.check.NativeCheck;
import dev.bulwark.policy.check.NativeChecks;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How a kube-linter template maps to a Bulwark native check: the check, the kube-linter parameter
 * each check parameter comes from, fixed parameter values, and which objects the check looks at.
 *
 * @param parameters kube-linter parameter name to check parameter (kube-linter reads parameter
 *     names ignoring case, and so does the translation)
 * @param patterns check parameters holding kube-linter regular expressions, which match anywhere in
 *     the text, while Bulwark's match the whole text
 * @param natural the kube-linter object kinds the check applies to by itself
 * @param takesKinds true when the check has a {@code kinds} parameter that the scope fills
 */
record CheckTemplate(
    String key,
    String check,
    Map<String, String> parameters,
    Set<String> patterns,
    Map<String, String> fixed,
    Set<String> natural,
    boolean takesKinds) {
  static final String DEPLOYMENT_LIKE = "DeploymentLike";
  static final String ANY = "Any";

  CheckTemplate {
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    patterns = Set.copyOf(patterns);
    fixed = Map.copyOf(fixed);
    natural = Set.copyOf(natural);
  }

  /** The check parameter that the kube-linter parameter {@code name} sets, or null. */
  @Nullable String parameter(String name) {
    for (Map.Entry<String, String> entry : parameters.entrySet()) {
      if (entry.getKey().equalsIgnoreCase(name)) {
        return entry.getValue();
      }
    }
    return null;
  }

  static Builder template(String key, String check) {
    return new Builder(key, check);
  }

  /** Builds a row of the template table. */
  static final class Builder {
    private final String key;
    private final String check;
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private final Set<String> patterns = new HashSet<>();
    private final Map<String, String> fixed = new LinkedHashMap<>();
    private Set<String> natural = Set.of(DEPLOYMENT_LIKE);
    private boolean takesKinds;

    private Builder(String key, String check) {
      this.key = key;
      this.check = check;
    }

    Builder parameter(String kubeLinterName, String checkName) {
      parameters.put(kubeLinterName, checkName);
      return this;
    }

    Builder pattern(String kubeLinterName, String checkName) {
      patterns.add(checkName);
      return parameter(kubeLinterName, checkName);
    }

    Builder fixed(String checkName, String value) {
      fixed.put(checkName, value);
      return this;
    }

    Builder on(String... kinds) {
      natural = Set.of(kinds);
      return this;
    }

    Builder scopedByKinds() {
      takesKinds = true;
      return this;
    }

    CheckTemplate build() {
      return new CheckTemplate(key, check, parameters, patterns, fixed, natural, takesKinds);
    }
  }

  /** Every kube-linter template Bulwark implements as a native check, by key. */
  static final Map<String, CheckTemplate> BY_KEY =
      index(
          List.of(
              template("anti-affinity", "pod-anti-affinity")
                  .parameter("minReplicas", "minimumReplicas")
                  .pattern("topologyKey", "topologyKey")
                  .build(),
              template("cluster-admin-role-binding", "cluster-admin-binding")
                  .on("ClusterRoleBinding")
                  .build(),
              template("deprecated-service-account-field", "deprecated-service-account-field")
                  .build(),
              template("dnsconfig-options", "dns-config-option")
                  .parameter("key", "name")
                  .parameter("value", "value")
                  .build(),
              template("duplicate-env-var", "duplicate-env-var").build(),
              template("forbidden-annotation", "forbidden-annotation")
                  .pattern("key", "key")
                  .pattern("value", "value")
                  .on(ANY)
                  .scopedByKinds()
                  .build(),
              template("forbidden-service-types", "service-type")
                  .parameter("forbiddenServiceTypes", "types")
                  .on("Service")
                  .build(),
              template("hpa-minimum-replicas", "hpa-minimum-replicas")
                  .parameter("minReplicas", "minimum")
                  .on("HorizontalPodAutoscaler")
                  .build(),
              template("job-ttl-seconds-after-finished", "job-ttl-after-finished")
                  .on("JobLike")
                  .build(),
              template("kubeconform", "kubernetes-schema")
                  .parameter("strict", "strict")
                  .parameter("ignoreMissingSchemas", "ignoreMissingSchemas")
                  .parameter("skipKinds", "skipKinds")
                  .parameter("rejectKinds", "rejectKinds")
                  // kube-linter leaves both off unless the check's parameters turn them on
                  .fixed("strict", "false")
                  .fixed("ignoreMissingSchemas", "false")
                  .on(ANY)
                  .build(),
              template("liveness-port", "probe-port-exposed").fixed("probe", "liveness").build(),
              template("minimum-replicas", "minimum-replicas")
                  .parameter("minReplicas", "minimum")
                  .build(),
              template("mismatching-selector", "selector-mismatch").build(),
              template("no-node-affinity", "node-affinity").build(),
              template("pdb-unhealthy-pod-eviction-policy", "pdb-unhealthy-pod-eviction-policy")
                  .on("PodDisruptionBudget")
                  .build(),
              template("priority-class-name", "priority-class")
                  .parameter("acceptedPriorityClassNames", "accepted")
                  .build(),
              template("privileged-ports", "privileged-port").build(),
              template("readiness-port", "probe-port-exposed").fixed("probe", "readiness").build(),
              template("required-annotation", "required-annotation")
                  .pattern("key", "key")
                  .pattern("value", "value")
                  .on(ANY)
                  .scopedByKinds()
                  .build(),
              template("required-label", "required-label")
                  .pattern("key", "key")
                  .pattern("value", "value")
                  .on(ANY)
                  .scopedByKinds()
                  .build(),
              template("restart-policy", "restart-policy").build(),
              template("run-as-non-root", "run-as-root").build(),
              template("scc-deny-privileged-container", "scc-privileged-container")
                  .on("SecurityContextConstraints")
                  .build(),
              template("sorted-keys", "sorted-keys")
                  .parameter("recursive", "recursive")
                  .on(ANY)
                  .build(),
              template("startup-port", "probe-port-exposed").fixed("probe", "startup").build(),
              template(
                      "statefulset-volumeclaimtemplate-annotation",
                      "volume-claim-template-annotation")
                  .parameter("annotation", "annotation")
                  .build(),
              template("target-port", "invalid-port-name").on(DEPLOYMENT_LIKE, "Service").build(),
              template("unsafe-proc-mount", "unmasked-proc-mount").build(),
              template("unsafe-sysctls", "unsafe-sysctl")
                  .parameter("unsafeSysCtls", "prefixes")
                  .build(),
              template("update-configuration", "update-strategy")
                  .pattern("strategyTypeRegex", "allowed")
                  .build(),
              template("use-namespace", "default-namespace").on(DEPLOYMENT_LIKE, "Service").build(),
              template("wildcard-in-rules", "role-wildcard").on("Role", "ClusterRole").build()));

  /** The table by key, checked against the native check registry when the class loads. */
  private static Map<String, CheckTemplate> index(List<CheckTemplate> templates) {
    Map<String, CheckTemplate> byKey = new LinkedHashMap<>();
    for (CheckTemplate template : templates) {
      if (byKey.putIfAbsent(template.key(), template) != null) {
        throw new IllegalStateException("kube-linter template " + template.key() + " listed twice");
      }
      NativeCheck check =
          NativeChecks.byId(template.check())
              .orElseThrow(() ->
                  new IllegalStateException(
                      "kube-linter template " + template.key() + ": no check " + template.check()));
      Set<String> names = new HashSet<>();
      check.parameters().stream().map(CheckParameter::name).forEach(names::add);
      Set<String> used = new HashSet<>(template.parameters().values());
      used.addAll(template.fixed().keySet());
      if (template.takesKinds()) {
        used.add("kinds");
      }
      if (!names.containsAll(used)) {
        throw new IllegalStateException(
            "kube-linter template " + template.key() + ": " + check.id() + " lacks " + used);
      }
    }
    return Collections.unmodifiableMap(byKey);
  }
}
