package dev.bulwark.sensor.enforcement;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The sensor command's enforcement options, as a picocli mixin ({@code @Mixin EnforcementOptions}).
 * Not thread-safe (picocli fills it once).
 */
public final class EnforcementOptions {
  @Option(
      names = "--no-enforcement",
      description =
          "Change nothing in the cluster: record what enforcement would have done (dry run).")
  boolean dryRun;

  @Option(
      names = "--enforcement-exempt-namespace",
      paramLabel = "NAMESPACE",
      description =
          "Never enforce in this namespace (repeatable); the sensor's own and kube-system always"
              + " are.")
  List<String> exempt = new ArrayList<>();

  /** The settings these options give, with the sensor's namespace from {@code environment}. */
  public EnforcementSettings settings(Map<String, String> environment) {
    return EnforcementSettings.of(EnforcementSettings.ownNamespace(environment), exempt, dryRun);
  }

  /** An enforcer with these options; the caller closes it. */
  public Enforcer create(KubernetesClient client, EnforcementSink sink, Clock clock) {
    return new Enforcer(client, settings(System.getenv()), sink, clock);
  }
}
