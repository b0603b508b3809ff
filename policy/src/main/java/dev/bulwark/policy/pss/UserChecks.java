package dev.bulwark.policy.pss;

import dev.bulwark.core.manifest.MapNode;
import org.jspecify.annotations.Nullable;

/** Restricted checks on the user a container runs as. */
final class UserChecks {
  private UserChecks() {}

  static @Nullable CheckFailure runAsNonRoot(PodDefinition pod) {
    Offenders explicit = new Offenders();
    Offenders unset = new Offenders();
    Boolean podValue = pod.securityContext().bool("runAsNonRoot");
    if (Boolean.FALSE.equals(podValue)) {
      explicit.pod(pod.securityContextPath().key("runAsNonRoot"));
    }
    for (PodContainer container : pod.containers()) {
      Boolean value = container.securityContext().bool("runAsNonRoot");
      if (Boolean.FALSE.equals(value)) {
        explicit.container(container.name(), container.securityContextPath().key("runAsNonRoot"));
      } else if (value == null && !Boolean.TRUE.equals(podValue)) {
        unset.container(container.name(), container.securityContextPath().key("runAsNonRoot"));
      }
    }
    if (!explicit.isEmpty()) {
      return new CheckFailure(
          "runAsNonRoot != true: "
              + explicit.subjects()
              + explicit.verb(" sets", " set")
              + " securityContext.runAsNonRoot=false",
          explicit.firstPath());
    }
    if (unset.isEmpty()) {
      return null;
    }
    return new CheckFailure(
        "runAsNonRoot != true: neither the pod nor "
            + unset.containerList()
            + " set securityContext.runAsNonRoot=true",
        unset.firstPath());
  }

  static @Nullable CheckFailure runAsUser(PodDefinition pod) {
    Offenders offenders = new Offenders();
    if (isRoot(pod.securityContext())) {
      offenders.pod(pod.securityContextPath().key("runAsUser"));
    }
    for (PodContainer container : pod.containers()) {
      if (isRoot(container.securityContext())) {
        offenders.container(container.name(), container.securityContextPath().key("runAsUser"));
      }
    }
    if (offenders.isEmpty()) {
      return null;
    }
    return new CheckFailure(
        "runAsUser=0: "
            + offenders.subjects()
            + offenders.verb(" runs", " run")
            + " as root (securityContext.runAsUser=0); use a non-zero user ID",
        offenders.firstPath());
  }

  private static boolean isRoot(MapNode securityContext) {
    Long user = securityContext.integer("runAsUser");
    return user != null && user == 0;
  }
}
