package dev.bulwark.sensor.enforcement;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where and whether the sensor enforces.
 *
 * @param ownNamespace the namespace the sensor runs in; never enforced in
 * @param exemptNamespaces every namespace never enforced in: the sensor's own, {@code kube-system}
 *     and any configured
 * @param dryRun when true nothing is changed: every action is recorded as what would have been done
 */
public record EnforcementSettings(
    String ownNamespace, Set<String> exemptNamespaces, boolean dryRun) {
  /** Always exempt: the control plane's own workloads. */
  public static final String KUBE_SYSTEM = "kube-system";

  /** Used when neither the environment nor the service account names the namespace. */
  public static final String DEFAULT_NAMESPACE = "bulwark";

  /** The downward API variable the deployment sets to the pod's namespace. */
  public static final String NAMESPACE_VARIABLE = "POD_NAMESPACE";

  private static final Path SERVICE_ACCOUNT_NAMESPACE =
      Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

  public EnforcementSettings {
    TreeSet<String> exempt = new TreeSet<>(exemptNamespaces);
    exempt.add(ownNamespace);
    exempt.add(KUBE_SYSTEM);
    exemptNamespaces = Set.copyOf(exempt);
  }

  /** Settings exempting {@code ownNamespace}, kube-system and {@code moreExempt}. */
  public static EnforcementSettings of(
      String ownNamespace, Collection<String> moreExempt, boolean dryRun) {
    return new EnforcementSettings(ownNamespace, Set.copyOf(moreExempt), dryRun);
  }

  /** Whether nothing in {@code namespace} may be enforced on. */
  public boolean exempts(String namespace) {
    return exemptNamespaces.contains(namespace);
  }

  /**
   * The sensor's namespace: {@code POD_NAMESPACE} (set from the downward API), else the service
   * account's namespace file in a pod, else {@value #DEFAULT_NAMESPACE}.
   */
  public static String ownNamespace(Map<String, String> environment) {
    String fromEnvironment = environment.get(NAMESPACE_VARIABLE);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return fromEnvironment.strip();
    }
    try {
      if (Files.isReadable(SERVICE_ACCOUNT_NAMESPACE)) {
        String fromFile =
            Files.readString(SERVICE_ACCOUNT_NAMESPACE, StandardCharsets.UTF_8).strip();
        if (!fromFile.isEmpty()) {
          return fromFile;
        }
      }
    } catch (IOException e) {
      // Not in a pod, or the file is unreadable: the default is the documented fallback.
    }
    return DEFAULT_NAMESPACE;
  }
}
