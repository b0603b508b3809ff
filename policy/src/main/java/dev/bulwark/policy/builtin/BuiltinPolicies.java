package dev.bulwark.policy.builtin;

import dev.bulwark.policy.io.PolicyReader;
import dev.bulwark.policy.model.Policy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Bulwark's built-in policy pack. The policies are data (StackRox policy JSON with Bulwark's
 * additions) under {@code resources/dev/bulwark/policy/builtin/}; this class lists them explicitly
 * so that the set is reviewable and a missing or invalid file fails at start-up, not silently.
 */
public final class BuiltinPolicies {
  /** Ids of the built-in policies, in the order reports list them. */
  public static final List<String> IDS =
      List.of(
          "apparmor-unconfined",
          "bidirectional-mount-propagation",
          "cap-sys-admin",
          "cluster-admin-binding",
          "cluster-admin-service-account",
          "container-runtime-socket",
          "cpu-request",
          "dangerous-capabilities",
          "default-namespace",
          "default-service-account-token",
          "deprecated-service-account-field",
          "dns-config-ndots",
          "drop-net-raw",
          "duplicate-env-var",
          "exposed-service-type",
          "host-ipc",
          "host-network",
          "host-pid",
          "host-port",
          "hpa-minimum-replicas",
          "invalid-port-name",
          "job-ttl-after-finished",
          "latest-tag",
          "liveness-probe",
          "liveness-probe-port",
          "memory-limit",
          "minimum-replicas",
          "node-affinity",
          "pdb-unhealthy-pod-eviction-policy",
          "pod-anti-affinity",
          "priority-class-name",
          "privilege-escalation",
          "privileged-container",
          "privileged-port",
          "rbac-create-workloads",
          "rbac-secrets-access",
          "rbac-wildcard",
          "read-only-root-filesystem",
          "readiness-probe",
          "readiness-probe-port",
          "removed-api-version",
          "required-annotation-email",
          "required-label-owner",
          "restart-policy",
          "rolling-update-strategy",
          "run-as-root",
          "scc-privileged-container",
          "seccomp-unconfined",
          "secret-in-environment",
          "secret-key-env-var",
          "selector-mismatch",
          "sensitive-host-mount",
          "sorted-keys",
          "ssh-port",
          "startup-probe-port",
          "unmasked-proc-mount",
          "unsafe-sysctls",
          "writable-host-mount");

  private static final List<Policy> ALL = load();

  private BuiltinPolicies() {}

  /** Every built-in policy, validated. */
  public static List<Policy> all() {
    return ALL;
  }

  private static List<Policy> load() {
    List<Policy> policies = new ArrayList<>(IDS.size());
    for (String id : IDS) {
      String resource = id + ".json";
      try (InputStream in = BuiltinPolicies.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException(
              "built-in policy " + resource + " is missing from the jar");
        }
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        policies.addAll(PolicyReader.parse(text, "builtin:" + resource));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read built-in policy " + resource, e);
      }
    }
    return List.copyOf(policies);
  }
}
