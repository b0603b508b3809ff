package dev.bulwark.policy.pss;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.MapNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** Baseline checks on the Linux security modules a pod may weaken: AppArmor and SELinux. */
final class ProfileChecks {
  private static final String APPARMOR_ANNOTATION_PREFIX =
      "container.apparmor.security.beta.kubernetes.io/";
  private static final Set<String> APPARMOR_TYPES = Set.of("RuntimeDefault", "Localhost");

  private static final Set<String> SELINUX_TYPES_1_0 =
      Set.of("", "container_t", "container_init_t", "container_kvm_t");
  private static final Set<String> SELINUX_TYPES_1_31 =
      Set.of("", "container_t", "container_init_t", "container_kvm_t", "container_engine_t");

  private ProfileChecks() {}

  static @Nullable CheckFailure appArmorProfile(PodDefinition pod) {
    Offenders offenders = new Offenders();
    Set<String> types = new TreeSet<>();
    if (forbiddenAppArmorType(pod.securityContext(), types)) {
      offenders.pod(pod.securityContextPath().key("appArmorProfile").key("type"));
    }
    for (PodContainer container : pod.containers()) {
      if (forbiddenAppArmorType(container.securityContext(), types)) {
        offenders.container(
            container.name(), container.securityContextPath().key("appArmorProfile").key("type"));
      }
    }
    Map<String, String> annotations = new TreeMap<>();
    pod.annotations()
        .forEach((key, value) -> {
          if (key.startsWith(APPARMOR_ANNOTATION_PREFIX) && !allowedAppArmorAnnotation(value)) {
            annotations.put(key, value);
          }
        });
    annotations.keySet().forEach(key -> offenders.remember(pod.annotationPath(key)));
    if (offenders.isEmpty()) {
      return null;
    }
    List<String> parts = new ArrayList<>(2);
    if (!types.isEmpty()) {
      parts.add(
          offenders.subjects()
              + offenders.verb(" sets", " set")
              + " securityContext.appArmorProfile.type to "
              + Offenders.quoted(types));
    }
    if (!annotations.isEmpty()) {
      parts.add(
          Offenders.noun(annotations.size(), "annotation ", "annotations ")
              + annotationList(annotations));
    }
    int count = types.size() + annotations.size();
    return new CheckFailure(
        Offenders.noun(count, "forbidden AppArmor profile: ", "forbidden AppArmor profiles: ")
            + String.join("; ", parts)
            + "; only RuntimeDefault and Localhost profiles are allowed",
        offenders.firstPath());
  }

  private static boolean forbiddenAppArmorType(MapNode securityContext, Set<String> types) {
    MapNode profile = securityContext.map("appArmorProfile");
    if (profile == null) {
      return false;
    }
    String type = Values.text(profile, "type");
    if (APPARMOR_TYPES.contains(type)) {
      return false;
    }
    types.add(type);
    return true;
  }

  private static boolean allowedAppArmorAnnotation(String value) {
    return value.isEmpty() || value.equals("runtime/default") || value.startsWith("localhost/");
  }

  static @Nullable CheckFailure seLinuxOptions1Dot0(PodDefinition pod) {
    return seLinuxOptions(pod, SELINUX_TYPES_1_0);
  }

  static @Nullable CheckFailure seLinuxOptions1Dot31(PodDefinition pod) {
    return seLinuxOptions(pod, SELINUX_TYPES_1_31);
  }

  private static @Nullable CheckFailure seLinuxOptions(
      PodDefinition pod, Set<String> allowedTypes) {
    Offenders offenders = new Offenders();
    SeLinuxFindings findings = new SeLinuxFindings(allowedTypes);
    FieldPath podPath = findings.check(pod.securityContext(), pod.securityContextPath());
    if (podPath != null) {
      offenders.pod(podPath);
    }
    for (PodContainer container : pod.containers()) {
      FieldPath path = findings.check(container.securityContext(), container.securityContextPath());
      if (path != null) {
        offenders.container(container.name(), path);
      }
    }
    if (offenders.isEmpty()) {
      return null;
    }
    return new CheckFailure(
        "seLinuxOptions: "
            + offenders.subjects()
            + offenders.verb(" sets", " set")
            + " forbidden securityContext.seLinuxOptions ("
            + findings.describe()
            + ")",
        offenders.firstPath());
  }

  /** What the seLinuxOptions of a pod and its containers set that is not allowed. */
  private static final class SeLinuxFindings {
    private final Set<String> allowedTypes;
    private final Set<String> types = new TreeSet<>();
    private boolean user;
    private boolean role;

    SeLinuxFindings(Set<String> allowedTypes) {
      this.allowedTypes = allowedTypes;
    }

    /** The first forbidden field of one securityContext, or null when it is allowed. */
    @Nullable FieldPath check(MapNode securityContext, FieldPath securityContextPath) {
      MapNode options = securityContext.map("seLinuxOptions");
      if (options == null) {
        return null;
      }
      FieldPath optionsPath = securityContextPath.key("seLinuxOptions");
      List<FieldPath> forbidden = new ArrayList<>(3);
      String type = Values.text(options, "type");
      if (!allowedTypes.contains(type)) {
        types.add(type);
        forbidden.add(optionsPath.key("type"));
      }
      if (!Values.text(options, "user").isEmpty()) {
        user = true;
        forbidden.add(optionsPath.key("user"));
      }
      if (!Values.text(options, "role").isEmpty()) {
        role = true;
        forbidden.add(optionsPath.key("role"));
      }
      return forbidden.isEmpty() ? null : forbidden.get(0);
    }

    String describe() {
      List<String> parts = new ArrayList<>(3);
      if (!types.isEmpty()) {
        List<String> allowed = allowedTypes.stream().filter(t -> !t.isEmpty()).sorted().toList();
        parts.add(
            Offenders.noun(types.size(), "type ", "types ")
                + Offenders.quoted(types)
                + ", allowed are "
                + String.join(", ", allowed));
      }
      if (user) {
        parts.add("user must not be set");
      }
      if (role) {
        parts.add("role must not be set");
      }
      return String.join("; ", parts);
    }
  }

  /** {@code key="value"} pairs, comma-separated. */
  static String annotationList(Map<String, String> annotations) {
    List<String> pairs = new ArrayList<>(annotations.size());
    annotations.forEach((key, value) -> pairs.add(key + "=\"" + value + "\""));
    return String.join(", ", pairs);
  }
}
