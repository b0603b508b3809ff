package dev.bulwark.policy.pss;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.MapNode;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Seccomp: baseline forbids weakening the profile (the legacy annotations up to v1.18, the fields
 * from v1.19); restricted also requires a profile for every container (from v1.19).
 */
final class SeccompChecks {
  private static final String POD_ANNOTATION = "seccomp.security.alpha.kubernetes.io/pod";
  private static final String CONTAINER_ANNOTATION_PREFIX =
      "container.seccomp.security.alpha.kubernetes.io/";
  private static final Set<String> ALLOWED_TYPES = Set.of("RuntimeDefault", "Localhost");
  private static final String ALLOWED = "only RuntimeDefault and Localhost profiles are allowed";

  private SeccompChecks() {}

  static @Nullable CheckFailure baselineAnnotations(PodDefinition pod) {
    Map<String, String> annotations = pod.annotations();
    Map<String, String> forbidden = new TreeMap<>();
    checkAnnotation(annotations, POD_ANNOTATION, forbidden);
    for (PodContainer container : pod.containers()) {
      checkAnnotation(annotations, CONTAINER_ANNOTATION_PREFIX + container.name(), forbidden);
    }
    if (forbidden.isEmpty()) {
      return null;
    }
    return new CheckFailure(
        "seccompProfile: forbidden "
            + Offenders.noun(forbidden.size(), "annotation ", "annotations ")
            + ProfileChecks.annotationList(forbidden)
            + "; only runtime/default, docker/default and localhost/ profiles are allowed",
        pod.annotationPath(forbidden.keySet().iterator().next()));
  }

  private static void checkAnnotation(
      Map<String, String> annotations, String key, Map<String, String> forbidden) {
    String value = annotations.get(key);
    if (value != null
        && !value.equals("runtime/default")
        && !value.equals("docker/default")
        && !value.startsWith("localhost/")) {
      forbidden.put(key, value);
    }
  }

  static @Nullable CheckFailure baselineFields(PodDefinition pod) {
    Offenders offenders = new Offenders();
    Set<String> types = new TreeSet<>();
    if (forbiddenType(pod.securityContext(), types)) {
      offenders.pod(typePath(pod.securityContextPath()));
    }
    for (PodContainer container : pod.containers()) {
      if (forbiddenType(container.securityContext(), types)) {
        offenders.container(container.name(), typePath(container.securityContextPath()));
      }
    }
    return offenders.isEmpty() ? null : forbiddenTypes(offenders, types);
  }

  static @Nullable CheckFailure restricted(PodDefinition pod) {
    Offenders explicit = new Offenders();
    Offenders unset = new Offenders();
    Set<String> types = new TreeSet<>();
    MapNode podContext = pod.securityContext();
    boolean podHasProfile = podContext.map("seccompProfile") != null;
    if (forbiddenType(podContext, types)) {
      explicit.pod(typePath(pod.securityContextPath()));
      podHasProfile = false;
    }
    for (PodContainer container : pod.containers()) {
      MapNode context = container.securityContext();
      if (context.map("seccompProfile") != null) {
        if (forbiddenType(context, types)) {
          explicit.container(container.name(), typePath(container.securityContextPath()));
        }
      } else if (!podHasProfile) {
        unset.container(container.name(), container.securityContextPath().key("seccompProfile"));
      }
    }
    if (!explicit.isEmpty()) {
      return forbiddenTypes(explicit, types);
    }
    if (unset.isEmpty()) {
      return null;
    }
    return new CheckFailure(
        "seccompProfile: neither the pod nor "
            + unset.containerList()
            + " set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\"",
        unset.firstPath());
  }

  private static CheckFailure forbiddenTypes(Offenders offenders, Set<String> types) {
    return new CheckFailure(
        "seccompProfile: "
            + offenders.subjects()
            + offenders.verb(" sets", " set")
            + " securityContext.seccompProfile.type to "
            + Offenders.quoted(types)
            + "; "
            + ALLOWED,
        offenders.firstPath());
  }

  /** Whether the context has a seccompProfile of a forbidden type; adds the type to types. */
  private static boolean forbiddenType(MapNode securityContext, Set<String> types) {
    MapNode profile = securityContext.map("seccompProfile");
    if (profile == null) {
      return false;
    }
    String type = Values.text(profile, "type");
    if (ALLOWED_TYPES.contains(type)) {
      return false;
    }
    types.add(type);
    return true;
  }

  private static FieldPath typePath(FieldPath securityContextPath) {
    return securityContextPath.key("seccompProfile").key("type");
  }
}
