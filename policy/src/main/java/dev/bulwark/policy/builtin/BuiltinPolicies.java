package dev.bulwark.policy.builtin;

import dev.bulwark.policy.io.PolicyReader;
import dev.bulwark.policy.model.Policy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bulwark's built-in policy pack. The policies are data (StackRox policy JSON with Bulwark's
 * additions) under {@code resources/dev/bulwark/policy/builtin/}; this class lists them explicitly
 * so that the set is reviewable and a missing or invalid file fails at start-up, not silently.
 */
public final class BuiltinPolicies {
  /** Ids of the built-in policies, in the order reports list them. */
  public static final List<String> IDS =
      List.of(
          "admission-bypass-annotation",
          "apparmor-unconfined",
          "bidirectional-mount-propagation",
          "cap-sys-admin",
          "cluster-admin-binding",
          "cluster-admin-service-account",
          "container-runtime-socket",
          "cpu-request",
          "dangerous-capabilities",
          "dangling-horizontalpodautoscaler",
          "dangling-ingress",
          "dangling-networkpolicy",
          "dangling-networkpolicypeer-podselector",
          "dangling-service",
          "dangling-servicemonitor",
          "default-namespace",
          "default-service-account-token",
          "deprecated-service-account-field",
          "dns-config-ndots",
          "dockerfile-add-instruction",
          "download-tool-in-image",
          "drop-all-capabilities",
          "drop-net-raw",
          "drop-net-raw-capability",
          "duplicate-env-var",
          "env-value-from",
          "exposed-service-type",
          "external-exposure",
          "fixable-high-cvss",
          "fixable-important-vulnerability",
          "fixable-vulnerability",
          "host-ipc",
          "host-network",
          "host-pid",
          "host-port",
          "hpa-minimum-replicas",
          "http2-rapid-reset",
          "image-age",
          "image-exposes-ssh-port",
          "image-user-root",
          "insecure-command-in-image",
          "invalid-port-name",
          "job-ttl-after-finished",
          "kubernetes-dashboard",
          "kubernetes-schema",
          "latest-tag",
          "liveness-probe",
          "liveness-probe-port",
          "log4shell",
          "memory-limit",
          "minimum-replicas",
          "missing-egress-network-policy",
          "missing-ingress-network-policy",
          "node-affinity",
          "non-existent-service-account",
          "non-isolated-pod",
          "owner-email-annotation",
          "owner-team-annotation",
          "owner-team-label",
          "package-manager-in-image",
          "pdb-max-unavailable",
          "pdb-min-available",
          "pdb-unhealthy-pod-eviction-policy",
          "pod-anti-affinity",
          "priority-class-name",
          "privilege-escalation",
          "privileged-container",
          "privileged-fixable-vulnerability",
          "privileged-node-port",
          "privileged-port",
          "rbac-approve-certificates",
          "rbac-bind-or-escalate",
          "rbac-create-persistent-volumes",
          "rbac-create-workloads",
          "rbac-create-workloads-binding",
          "rbac-impersonate",
          "rbac-node-proxy",
          "rbac-secrets-access",
          "rbac-secrets-access-binding",
          "rbac-service-account-token-create",
          "rbac-webhook-configuration",
          "rbac-wildcard",
          "read-only-root-filesystem",
          "readiness-probe",
          "readiness-probe-port",
          "red-hat-image-signature",
          "removed-api-version",
          "required-annotation-email",
          "required-image-label",
          "required-label-owner",
          "restart-policy",
          "rolling-update-strategy",
          "run-as-root",
          "scan-age",
          "scc-privileged-container",
          "seccomp-unconfined",
          "secret-in-environment",
          "secret-key-in-environment",
          "secrets-volume-in-image",
          "selector-mismatch",
          "sensitive-host-mount",
          "sorted-keys",
          "spring4shell",
          "ssh-port",
          "startup-probe-port",
          "struts-cve-2017-5638",
          "unmasked-proc-mount",
          "unsafe-sysctls",
          "unscanned-image",
          "update-instruction-in-image",
          "windows-host-process",
          "writable-host-mount");

  private static final List<Policy> ALL = load();

  private BuiltinPolicies() {}

  /** Every built-in policy, validated. */
  public static List<Policy> all() {
    return ALL;
  }

  /**
   * Reads every file from the jar (or directory) that holds this class, opened once: looking each
   * up as a class-loader resource searches the runtime image first, which cost more than parsing in
   * a cold JVM. All files are parsed as one set, so ids and names are unique across the pack.
   */
  private static List<Policy> load() {
    Map<String, String> texts = new LinkedHashMap<>();
    try (PackFiles files = PackFiles.open()) {
      for (String id : IDS) {
        String file = id + ".json";
        texts.put("builtin:" + file, files.read(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the built-in policy pack", e);
    }
    return PolicyReader.parseAll(texts);
  }
}
