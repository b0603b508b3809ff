package dev.bulwark.policy.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every native check, listed explicitly so that the set is reviewable. The list is validated when
 * this class loads (unique kebab-case ids, a summary, unique parameter names with descriptions,
 * binding with only the required parameters set, to their examples, works), so a broken check fails
 * every run and every test at once rather than one policy at a time.
 */
public final class NativeChecks {
  private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Pattern PARAMETER = Pattern.compile("[a-z][A-Za-z0-9]*");

  private static final Map<String, NativeCheck> BY_ID =
      validated(
          List.of(
              new AntiAffinityCheck(),
              new BindingGrantsCheck(),
              new ClusterAdminBindingCheck(),
              new DanglingHorizontalPodAutoscalerCheck(),
              new DanglingIngressCheck(),
              new DanglingNetworkPolicyCheck(),
              new DanglingNetworkPolicyPeerCheck(),
              new DanglingServiceCheck(),
              new DanglingServiceMonitorCheck(),
              new DefaultNamespaceCheck(),
              new DeprecatedServiceAccountCheck(),
              new DnsConfigOptionCheck(),
              new DuplicateEnvVarCheck(),
              new EnvValueFromCheck(),
              new HpaMinimumReplicasCheck(),
              new JobTtlCheck(),
              new KubernetesSchemaCheck(),
              new MetadataEntryCheck(
                  MetadataEntryCheck.Field.ANNOTATION, MetadataEntryCheck.Mode.FORBIDDEN),
              new MetadataEntryCheck(
                  MetadataEntryCheck.Field.ANNOTATION, MetadataEntryCheck.Mode.REQUIRED),
              new MetadataEntryCheck(
                  MetadataEntryCheck.Field.LABEL, MetadataEntryCheck.Mode.REQUIRED),
              new MinimumReplicasCheck(),
              new NetRawCapabilityCheck(),
              new NodeAffinityCheck(),
              new NonExistentServiceAccountCheck(),
              new PdbEvictionPolicyCheck(),
              new PdbMaxUnavailableCheck(),
              new PdbMinAvailableCheck(),
              new PortNameCheck(),
              new PriorityClassCheck(),
              new PrivilegedPortCheck(),
              new ProbePortCheck(),
              new RemovedApiVersionCheck(),
              new RestartPolicyCheck(),
              new RoleGrantsCheck(),
              new RoleWildcardCheck(),
              new RunAsRootCheck(),
              new SccPrivilegedCheck(),
              new SelectorMismatchCheck(),
              new ServiceTypeCheck(),
              new SortedKeysCheck(),
              new UnmaskedProcMountCheck(),
              new UnsafeSysctlCheck(),
              new UpdateStrategyCheck(),
              new VolumeClaimAnnotationCheck(),
              new WindowsHostProcessCheck()));

  private NativeChecks() {}

  /** Every check, ordered by id. */
  public static List<NativeCheck> all() {
    return List.copyOf(BY_ID.values());
  }

  public static Optional<NativeCheck> byId(String id) {
    return Optional.ofNullable(BY_ID.get(id));
  }

  public static Set<String> ids() {
    return BY_ID.keySet();
  }

  private static Map<String, NativeCheck> validated(List<NativeCheck> checks) {
    List<String> problems = new ArrayList<>();
    Map<String, NativeCheck> byId = new LinkedHashMap<>();
    checks.stream()
        .sorted((a, b) -> a.id().compareTo(b.id()))
        .forEach(check -> {
          problems.addAll(problems(check));
          if (byId.putIfAbsent(check.id(), check) != null) {
            problems.add(check.id() + ": id used by two checks");
          }
        });
    if (!problems.isEmpty()) {
      throw new IllegalStateException("invalid native checks: " + String.join("; ", problems));
    }
    return byId;
  }

  static List<String> problems(NativeCheck check) {
    List<String> problems = new ArrayList<>();
    String id = check.id();
    if (!ID.matcher(id).matches()) {
      problems.add(id + ": id is not lower-case kebab-case");
    }
    if (check.summary().isBlank()) {
      problems.add(id + ": no summary");
    }
    Set<String> names = new HashSet<>();
    for (CheckParameter parameter : check.parameters()) {
      if (!PARAMETER.matcher(parameter.name()).matches() || !names.add(parameter.name())) {
        problems.add(id + ": parameter name \"" + parameter.name() + "\" is invalid or repeated");
      }
      if (parameter.description().isBlank() || parameter.whenUnset().isBlank()) {
        problems.add(id + ": parameter " + parameter.name() + " is not documented");
      }
    }
    Map<String, String> required = new HashMap<>();
    for (CheckParameter parameter : check.parameters()) {
      if (parameter.example() != null) {
        required.put(parameter.name(), parameter.example());
      }
    }
    try {
      NativeCheck.Target evaluated =
          switch (check.bind(required)) {
            case CheckEvaluator.PerContainer container -> NativeCheck.Target.CONTAINERS;
            case CheckEvaluator.PerObject object -> NativeCheck.Target.OBJECTS;
            case CheckEvaluator.AcrossInput input -> NativeCheck.Target.INPUT;
          };
      if (evaluated != check.target()) {
        problems.add(id + ": its evaluator does not match its target " + check.target());
      }
    } catch (InvalidCheckParameterException e) {
      problems.add(id + ": does not bind with only its required parameters: " + e.getMessage());
    }
    return problems;
  }
}
