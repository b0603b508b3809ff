package dev.bulwark.policy.criteria;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.workload.Container;
import dev.bulwark.core.workload.ImageRef;
import dev.bulwark.core.workload.Probe;
import dev.bulwark.core.workload.SecurityContext;
import dev.bulwark.policy.field.PolicyField;
import dev.bulwark.policy.model.PolicyGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Container-level criteria: in a section, all of them must hold for the same container.
 *
 * <p>Unset {@code privileged} and {@code readOnlyRootFilesystem} read as false, as in StackRox and
 * Kubernetes. Privilege escalation is read as Kubernetes applies it, not as StackRox reads the
 * field: allowed unless {@code allowPrivilegeEscalation} is false, and always allowed for
 * privileged containers and containers that add SYS_ADMIN. StackRox reads an unset field as false
 * and so misses the common case of a container that never disabled escalation.
 */
final class ContainerCriteria {
  private static final String DOCKER_HUB_LIBRARY = "library/";

  private ContainerCriteria() {}

  static @Nullable Criterion<Container> privileged(PolicyGroup group, List<ValueProblem> problems) {
    return CriterionBuilder.<Container, Boolean>of(PolicyField.PRIVILEGED_CONTAINER, group)
        .values(problems, Values::bool)
        .reads(ContainerCriteria::isPrivileged)
        .describedAs(container ->
            Text.container(container.name())
                + (isPrivileged(container) ? " is privileged" : " is not privileged"))
        .at(container -> security(container, "privileged", "privileged"))
        .build();
  }

  private static boolean isPrivileged(Container container) {
    return Boolean.TRUE.equals(container.securityContext().privileged());
  }

  static @Nullable Criterion<Container> allowPrivilegeEscalation(
      PolicyGroup group, List<ValueProblem> problems) {
    return CriterionBuilder.<Container, Boolean>of(PolicyField.ALLOW_PRIVILEGE_ESCALATION, group)
        .values(problems, Values::bool)
        .reads(ContainerCriteria::allowsEscalation)
        .describedAs(ContainerCriteria::describeEscalation)
        .at(container ->
            security(container, "allowPrivilegeEscalation", "allowPrivilegeEscalation"))
        .build();
  }

  private static boolean allowsEscalation(Container container) {
    return isPrivileged(container)
        || addsSysAdmin(container)
        || !Boolean.FALSE.equals(container.securityContext().allowPrivilegeEscalation());
  }

  private static boolean addsSysAdmin(Container container) {
    return adds(container.securityContext().addCapabilities(), "SYS_ADMIN");
  }

  /**
   * Whether {@code added} grants {@code capability}: adding {@code ALL} grants every capability, so
   * {@code add: [ALL]} cannot slip past a policy written for one dangerous capability.
   */
  private static boolean adds(List<String> added, String capability) {
    return added.contains(capability) || added.contains("ALL");
  }

  private static String describeEscalation(Container container) {
    String name = Text.container(container.name());
    if (!allowsEscalation(container)) {
      return name + " does not allow privilege escalation";
    }
    if (isPrivileged(container)) {
      return name + " allows privilege escalation (it is privileged)";
    }
    if (addsSysAdmin(container)) {
      return name + " allows privilege escalation (it adds SYS_ADMIN)";
    }
    return container.securityContext().allowPrivilegeEscalation() == null
        ? name + " allows privilege escalation (allowPrivilegeEscalation is not set to false)"
        : name + " allows privilege escalation";
  }

  static @Nullable Criterion<Container> readOnlyRootFilesystem(
      PolicyGroup group, List<ValueProblem> problems) {
    return CriterionBuilder.<Container, Boolean>of(PolicyField.READ_ONLY_ROOT_FILESYSTEM, group)
        .values(problems, Values::bool)
        .reads(ContainerCriteria::readOnlyRoot)
        .describedAs(container ->
            Text.container(container.name())
                + (readOnlyRoot(container) ? " has a read-only" : " has a writable")
                + " root filesystem")
        .at(container -> security(container, "readOnlyRootFilesystem", "readOnlyRootFilesystem"))
        .build();
  }

  private static boolean readOnlyRoot(Container container) {
    return Boolean.TRUE.equals(container.securityContext().readOnlyRootFilesystem());
  }

  static @Nullable Criterion<Container> addCapabilities(
      PolicyGroup group, List<ValueProblem> problems) {
    return CriterionBuilder.<Container, List<String>>of(PolicyField.ADD_CAPABILITIES, group)
        .values(
            problems,
            value -> {
              String capability = Values.capability(value);
              return added -> adds(added, capability);
            })
        .reads(container -> container.securityContext().addCapabilities())
        .describedAs(ContainerCriteria::describeAdded)
        .at(container -> security(container, "addCapabilities", "capabilities", "add"))
        .build();
  }

  private static String describeAdded(Container container) {
    List<String> added = container.securityContext().addCapabilities();
    return Text.container(container.name())
        + (added.isEmpty() ? " adds no capabilities" : " adds " + capabilities(added));
  }

  /**
   * Matches containers that keep the values (StackRox negates this field internally). The runtime
   * applies {@code drop: [ALL]} first and then the named additions, so {@code drop: [ALL], add:
   * [NET_RAW]} keeps NET_RAW; a capability named in {@code drop} is gone whatever {@code add} says.
   */
  static @Nullable Criterion<Container> dropCapabilities(
      PolicyGroup group, List<ValueProblem> problems) {
    List<String> required = Values.parseAll(group, problems, Values::capability);
    if (required == null) {
      return null;
    }
    List<Predicate<SecurityContext>> tests = new ArrayList<>();
    for (String capability : required) {
      tests.add(context -> drops(context, capability));
    }
    return CriterionBuilder.<Container, SecurityContext>of(PolicyField.DROP_CAPABILITIES, group)
        .tests(tests)
        .inverted()
        .reads(Container::securityContext)
        .describedAs(container -> describeNotDropped(container, required))
        .at(container -> security(container, "dropCapabilities", "capabilities", "drop"))
        .build();
  }

  private static boolean drops(SecurityContext context, String capability) {
    List<String> dropped = context.dropCapabilities();
    return dropped.contains(capability)
        || (dropped.contains("ALL") && !context.addCapabilities().contains(capability));
  }

  private static String describeNotDropped(Container container, List<String> required) {
    SecurityContext context = container.securityContext();
    List<String> kept = new ArrayList<>();
    for (String capability : required) {
      if (!drops(context, capability)) {
        kept.add(capability);
      }
    }
    String name = Text.container(container.name());
    if (kept.isEmpty()) {
      return name + " drops " + capabilities(required);
    }
    if (context.dropCapabilities().contains("ALL")) {
      return name + " drops ALL but adds back " + capabilities(kept);
    }
    return name + " does not drop " + capabilities(kept);
  }

  private static String capabilities(List<String> names) {
    return (names.size() == 1 ? "capability " : "capabilities ") + String.join(", ", names);
  }

  static @Nullable Criterion<Container> containerName(
      PolicyGroup group, List<ValueProblem> problems) {
    return CriterionBuilder.<Container, String>of(PolicyField.CONTAINER_NAME, group)
        .values(problems, Values::text)
        .reads(Container::name)
        .describedAs(container -> "Container name is " + Text.quote(container.name()))
        .at(container -> container.path().key("name"))
        .build();
  }

  /** An image pinned by digest only has no tag; it reads as "" as in StackRox. */
  static @Nullable Criterion<Container> imageTag(PolicyGroup group, List<ValueProblem> problems) {
    return CriterionBuilder.<Container, String>of(PolicyField.IMAGE_TAG, group)
        .values(problems, Values::text)
        .reads(container -> Objects.requireNonNullElse(container.image().tag(), ""))
        .describedAs(ContainerCriteria::describeTag)
        .at(ContainerCriteria::imagePath)
        .build();
  }

  private static String describeTag(Container container) {
    String tag = container.image().tag();
    if (tag == null || tag.isEmpty()) {
      return Text.container(container.name())
          + " uses image "
          + Text.quote(container.image().fullName())
          + " without a tag";
    }
    return Text.container(container.name()) + " uses image tag " + Text.quote(tag);
  }

  static @Nullable Criterion<Container> imageRegistry(
      PolicyGroup group, List<ValueProblem> problems) {
    return CriterionBuilder.<Container, String>of(PolicyField.IMAGE_REGISTRY, group)
        .values(problems, Values::text)
        .reads(container -> container.image().registry())
        .describedAs(container ->
            Text.container(container.name())
                + " uses an image from registry "
                + Text.quote(container.image().registry()))
        .at(ContainerCriteria::imagePath)
        .build();
  }

  /**
   * Matches the repository path; for Docker Hub's official images the path without {@code library/}
   * matches too, so {@code Image Remote=nginx} catches {@code nginx:1.27}.
   */
  static @Nullable Criterion<Container> imageRemote(
      PolicyGroup group, List<ValueProblem> problems) {
    return CriterionBuilder.<Container, ImageRef>of(PolicyField.IMAGE_REMOTE, group)
        .values(
            problems,
            value -> {
              TextPattern pattern = TextPattern.compile(value);
              return image -> remoteMatches(pattern, image.remote());
            })
        .reads(Container::image)
        .describedAs(container ->
            Text.container(container.name())
                + " uses image repository "
                + Text.quote(container.image().remote()))
        .at(ContainerCriteria::imagePath)
        .build();
  }

  private static boolean remoteMatches(TextPattern pattern, String remote) {
    return pattern.matches(remote)
        || (remote.startsWith(DOCKER_HUB_LIBRARY)
            && pattern.matches(remote.substring(DOCKER_HUB_LIBRARY.length())));
  }

  static FieldPath imagePath(Container container) {
    return container.path().key("image");
  }

  static @Nullable Criterion<Container> cpuRequest(PolicyGroup group, List<ValueProblem> problems) {
    return resource(
        PolicyField.CONTAINER_CPU_REQUEST,
        group,
        problems,
        container -> container.resources().cpuRequestCores(),
        "requests",
        "cpu",
        (name, cores) -> name + " requests " + Text.number(cores) + " CPU cores",
        name -> name + " has no CPU request");
  }

  static @Nullable Criterion<Container> cpuLimit(PolicyGroup group, List<ValueProblem> problems) {
    return resource(
        PolicyField.CONTAINER_CPU_LIMIT,
        group,
        problems,
        container -> container.resources().cpuLimitCores(),
        "limits",
        "cpu",
        (name, cores) -> name + " has a CPU limit of " + Text.number(cores) + " cores",
        name -> name + " has no CPU limit");
  }

  static @Nullable Criterion<Container> memoryRequest(
      PolicyGroup group, List<ValueProblem> problems) {
    return resource(
        PolicyField.CONTAINER_MEMORY_REQUEST,
        group,
        problems,
        container -> container.resources().memoryRequestMb(),
        "requests",
        "memory",
        (name, megabytes) -> name + " requests " + Text.number(megabytes) + " MB of memory",
        name -> name + " has no memory request");
  }

  static @Nullable Criterion<Container> memoryLimit(
      PolicyGroup group, List<ValueProblem> problems) {
    return resource(
        PolicyField.CONTAINER_MEMORY_LIMIT,
        group,
        problems,
        container -> container.resources().memoryLimitMb(),
        "limits",
        "memory",
        (name, megabytes) -> name + " has a memory limit of " + Text.number(megabytes) + " MB",
        name -> name + " has no memory limit");
  }

  /** An unset request or limit reads as 0, so {@code Container CPU Request=0} finds it. */
  private static @Nullable Criterion<Container> resource(
      PolicyField field,
      PolicyGroup group,
      List<ValueProblem> problems,
      Function<Container, @Nullable Double> amount,
      String section,
      String resource,
      BiFunction<String, Double, String> describeSet,
      Function<String, String> describeUnset) {
    return CriterionBuilder.<Container, Double>of(field, group)
        .values(problems, Values::number)
        .reads(container -> Objects.requireNonNullElse(amount.apply(container), 0.0))
        .describedAs(container -> {
          Double value = amount.apply(container);
          String name = Text.container(container.name());
          return value == null ? describeUnset.apply(name) : describeSet.apply(name, value);
        })
        .at(container -> container.path().key("resources").key(section).key(resource))
        .build();
  }

  static @Nullable Criterion<Container> livenessProbeDefined(
      PolicyGroup group, List<ValueProblem> problems) {
    return probe(
        PolicyField.LIVENESS_PROBE_DEFINED, Probe.Kind.LIVENESS, "liveness", group, problems);
  }

  static @Nullable Criterion<Container> readinessProbeDefined(
      PolicyGroup group, List<ValueProblem> problems) {
    return probe(
        PolicyField.READINESS_PROBE_DEFINED, Probe.Kind.READINESS, "readiness", group, problems);
  }

  private static @Nullable Criterion<Container> probe(
      PolicyField field,
      Probe.Kind kind,
      String noun,
      PolicyGroup group,
      List<ValueProblem> problems) {
    return CriterionBuilder.<Container, Boolean>of(field, group)
        .values(problems, Values::bool)
        .reads(container -> container.probe(kind).isPresent())
        .describedAs(container ->
            Text.container(container.name())
                + (container.probe(kind).isPresent() ? " has a " : " has no ")
                + noun
                + " probe")
        .at(container ->
            container
                .probe(kind)
                .map(Probe::path)
                .orElseGet(() -> container.path().key(noun + "Probe")))
        .build();
  }

  /** An unset seccomp profile has no type and matches no value (as in StackRox). */
  static @Nullable Criterion<Container> seccompProfileType(
      PolicyGroup group, List<ValueProblem> problems) {
    return CriterionBuilder.<Container, SeccompType>of(PolicyField.SECCOMP_PROFILE_TYPE, group)
        .values(
            problems,
            value -> {
              SeccompType expected = Values.constant(SeccompType.class, value);
              return actual -> actual == expected;
            })
        .reads(ContainerCriteria::seccompType)
        .describedAs(container ->
            Text.container(container.name())
                + " uses seccomp profile type "
                + container.securityContext().seccompProfileType())
        .at(container -> security(container, "seccompProfileType", "seccompProfile", "type"))
        .build();
  }

  /** The seccomp profile types StackRox knows. */
  enum SeccompType {
    UNCONFINED,
    RUNTIME_DEFAULT,
    LOCALHOST
  }

  private static @Nullable SeccompType seccompType(Container container) {
    String type = container.securityContext().seccompProfileType();
    if (type == null) {
      return null;
    }
    try {
      return Values.constant(SeccompType.class, type);
    } catch (IllegalArgumentException e) {
      return null; // a type Kubernetes may add later: no value any policy can name
    }
  }

  /** An unset AppArmor profile reads as "" (as in StackRox). */
  static @Nullable Criterion<Container> appArmorProfile(
      PolicyGroup group, List<ValueProblem> problems) {
    return CriterionBuilder.<Container, String>of(PolicyField.APPARMOR_PROFILE, group)
        .values(problems, Values::text)
        .reads(container ->
            Objects.requireNonNullElse(container.securityContext().appArmorProfile(), ""))
        .describedAs(ContainerCriteria::describeAppArmor)
        .at(container -> security(container, "appArmorProfile", "appArmorProfile"))
        .build();
  }

  private static String describeAppArmor(Container container) {
    String profile = container.securityContext().appArmorProfile();
    return profile == null || profile.isEmpty()
        ? Text.container(container.name()) + " sets no AppArmor profile"
        : Text.container(container.name()) + " uses AppArmor profile " + Text.quote(profile);
  }

  /**
   * Where a security setting was written (pod or container level), else where it would go in the
   * container, which locates to the closest existing parent.
   */
  private static FieldPath security(Container container, String source, String... fallback) {
    FieldPath written = container.securityContext().sources().get(source);
    if (written != null) {
      return written;
    }
    FieldPath path = container.path().key("securityContext");
    for (String key : fallback) {
      path = path.key(key);
    }
    return path;
  }
}
