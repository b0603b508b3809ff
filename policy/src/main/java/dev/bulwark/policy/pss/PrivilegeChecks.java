package dev.bulwark.policy.pss;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import dev.bulwark.core.manifest.ScalarNode;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** Checks on the privileges of containers: privileged mode, capabilities, escalation. */
final class PrivilegeChecks {
  /** What container runtimes grant by default; baseline allows adding these back. */
  private static final Set<String> DEFAULT_CAPABILITIES =
      Set.of(
          "AUDIT_WRITE",
          "CHOWN",
          "DAC_OVERRIDE",
          "FOWNER",
          "FSETID",
          "KILL",
          "MKNOD",
          "NET_BIND_SERVICE",
          "SETFCAP",
          "SETGID",
          "SETPCAP",
          "SETUID",
          "SYS_CHROOT");

  private static final String DROP_EVERYTHING = "ALL";
  private static final String BIND_LOW_PORTS = "NET_BIND_SERVICE";

  private PrivilegeChecks() {}

  static @Nullable CheckFailure privileged(PodDefinition pod) {
    Offenders offenders = new Offenders();
    for (PodContainer container : pod.containers()) {
      if (Values.isTrue(container.securityContext(), "privileged")) {
        offenders.container(container.name(), container.securityContextPath().key("privileged"));
      }
    }
    if (offenders.isEmpty()) {
      return null;
    }
    return new CheckFailure(
        "privileged: "
            + offenders.containerList()
            + offenders.verb(" runs", " run")
            + " privileged (securityContext.privileged=true)",
        offenders.firstPath());
  }

  static @Nullable CheckFailure capabilitiesBaseline(PodDefinition pod) {
    Offenders offenders = new Offenders();
    Set<String> added = new TreeSet<>();
    for (PodContainer container : pod.containers()) {
      FieldPath first = addedBeyond(container, DEFAULT_CAPABILITIES, added);
      if (first != null) {
        offenders.container(container.name(), first);
      }
    }
    if (offenders.isEmpty()) {
      return null;
    }
    return new CheckFailure(
        "non-default capabilities: "
            + offenders.containerList()
            + offenders.verb(" adds ", " add ")
            + Offenders.quoted(added)
            + " in securityContext.capabilities.add; only the container runtime's default"
            + " capabilities may be added",
        offenders.firstPath());
  }

  static @Nullable CheckFailure capabilitiesRestricted(PodDefinition pod) {
    Offenders notDropping = new Offenders();
    Offenders adding = new Offenders();
    Offenders all = new Offenders();
    Set<String> added = new TreeSet<>();
    for (PodContainer container : pod.containers()) {
      MapNode capabilities = Values.map(container.securityContext(), "capabilities");
      if (!capabilities.strings("drop").contains(DROP_EVERYTHING)) {
        FieldPath dropPath = container.securityContextPath().key("capabilities").key("drop");
        notDropping.container(container.name(), dropPath);
        all.remember(dropPath);
      }
      FieldPath first = addedBeyond(container, Set.of(BIND_LOW_PORTS), added);
      if (first != null) {
        adding.container(container.name(), first);
        all.remember(first);
      }
    }
    if (all.isEmpty()) {
      return null;
    }
    StringBuilder message = new StringBuilder("unrestricted capabilities: ");
    if (!notDropping.isEmpty()) {
      message
          .append(notDropping.containerList())
          .append(notDropping.verb(" does", " do"))
          .append(" not drop ALL (securityContext.capabilities.drop must include \"ALL\")");
    }
    if (!adding.isEmpty()) {
      message
          .append(notDropping.isEmpty() ? "" : "; ")
          .append(adding.containerList())
          .append(adding.verb(" adds ", " add "))
          .append(Offenders.quoted(added))
          .append(" (only NET_BIND_SERVICE may be added)");
    }
    return new CheckFailure(message.toString(), all.firstPath());
  }

  /**
   * Adds to {@code added} the capabilities {@code container} adds outside {@code allowed}; returns
   * the path of the first, or null when there is none.
   */
  private static @Nullable FieldPath addedBeyond(
      PodContainer container, Set<String> allowed, Set<String> added) {
    List<Node> items = Values.map(container.securityContext(), "capabilities").list("add");
    FieldPath first = null;
    for (int i = 0; i < items.size(); i++) {
      String capability =
          items.get(i) instanceof ScalarNode scalar && scalar.asText() != null
              ? scalar.asText()
              : "";
      if (!allowed.contains(capability)) {
        added.add(capability);
        if (first == null) {
          first = container.securityContextPath().key("capabilities").key("add").index(i);
        }
      }
    }
    return first;
  }

  static @Nullable CheckFailure allowPrivilegeEscalation(PodDefinition pod) {
    Offenders offenders = new Offenders();
    for (PodContainer container : pod.containers()) {
      if (!Boolean.FALSE.equals(container.securityContext().bool("allowPrivilegeEscalation"))) {
        offenders.container(
            container.name(), container.securityContextPath().key("allowPrivilegeEscalation"));
      }
    }
    if (offenders.isEmpty()) {
      return null;
    }
    return new CheckFailure(
        "allowPrivilegeEscalation != false: "
            + offenders.containerList()
            + offenders.verb(" does", " do")
            + " not set securityContext.allowPrivilegeEscalation to false",
        offenders.firstPath());
  }
}
