package dev.bulwark.core.workload;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.MapNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Computes a container's effective security context within one pod spec.
 *
 * <p>Precedence, as the kubelet applies it: the container's field, then (for seccomp and AppArmor)
 * the container's legacy annotation, then the pod's field, then the pod's legacy seccomp
 * annotation. Fields Kubernetes does not inherit (privileged, allowPrivilegeEscalation,
 * readOnlyRootFilesystem, capabilities, procMount) are read from the container only.
 *
 * <p>Every field name of {@link SecurityContext#sources()} is always present: it maps to where the
 * effective value was written, or, when the value is set nowhere, to the container's {@code
 * securityContext} when it has one, else to the container itself, so that a finding about a missing
 * setting points at the place to add it.
 */
final class SecurityContextResolver {
  private static final String PRIVILEGED = "privileged";
  private static final String ALLOW_PRIVILEGE_ESCALATION = "allowPrivilegeEscalation";
  private static final String READ_ONLY_ROOT_FILESYSTEM = "readOnlyRootFilesystem";
  private static final String RUN_AS_NON_ROOT = "runAsNonRoot";
  private static final String RUN_AS_USER = "runAsUser";
  private static final String RUN_AS_GROUP = "runAsGroup";
  private static final String ADD_CAPABILITIES = "capabilities.add";
  private static final String DROP_CAPABILITIES = "capabilities.drop";
  private static final String SECCOMP_PROFILE = "seccompProfile";
  private static final String APP_ARMOR_PROFILE = "appArmorProfile";
  private static final String PROC_MOUNT = "procMount";
  private static final List<String> FIELDS =
      List.of(
          PRIVILEGED,
          ALLOW_PRIVILEGE_ESCALATION,
          READ_ONLY_ROOT_FILESYSTEM,
          RUN_AS_NON_ROOT,
          RUN_AS_USER,
          RUN_AS_GROUP,
          ADD_CAPABILITIES,
          DROP_CAPABILITIES,
          SECCOMP_PROFILE,
          APP_ARMOR_PROFILE,
          PROC_MOUNT);

  private static final String POD_SECCOMP_ANNOTATION = "seccomp.security.alpha.kubernetes.io/pod";
  private static final String CONTAINER_SECCOMP_ANNOTATION =
      "container.seccomp.security.alpha.kubernetes.io/";
  private static final String CONTAINER_APP_ARMOR_ANNOTATION =
      "container.apparmor.security.beta.kubernetes.io/";

  private final @Nullable MapNode pod;
  private final FieldPath podPath;
  private final Map<String, String> podAnnotations;
  private final FieldPath podAnnotationsPath;

  /**
   * @param podSpec the pod spec holding the containers
   * @param podSpecPath its path in the object
   * @param podAnnotations annotations of the pod (template) metadata
   * @param podMetadataPath path of that metadata
   */
  SecurityContextResolver(
      MapNode podSpec,
      FieldPath podSpecPath,
      Map<String, String> podAnnotations,
      FieldPath podMetadataPath) {
    this.pod = podSpec.map("securityContext");
    this.podPath = podSpecPath.key("securityContext");
    this.podAnnotations = podAnnotations;
    this.podAnnotationsPath = podMetadataPath.key("annotations");
  }

  SecurityContext resolve(MapNode container, String containerName, FieldPath containerPath) {
    MapNode own = container.map("securityContext");
    FieldPath ownPath = containerPath.key("securityContext");
    Map<String, FieldPath> sources = new HashMap<>();
    Lookup lookup = new Lookup(own, ownPath, sources);
    Boolean privileged = lookup.own(PRIVILEGED, map -> map.bool(PRIVILEGED));
    Boolean escalation =
        lookup.own(ALLOW_PRIVILEGE_ESCALATION, map -> map.bool(ALLOW_PRIVILEGE_ESCALATION));
    Boolean readOnlyRoot =
        lookup.own(READ_ONLY_ROOT_FILESYSTEM, map -> map.bool(READ_ONLY_ROOT_FILESYSTEM));
    Boolean runAsNonRoot = lookup.inherited(RUN_AS_NON_ROOT, map -> map.bool(RUN_AS_NON_ROOT));
    Long runAsUser = lookup.inherited(RUN_AS_USER, map -> map.integer(RUN_AS_USER));
    Long runAsGroup = lookup.inherited(RUN_AS_GROUP, map -> map.integer(RUN_AS_GROUP));
    List<String> add = capabilities(own, ownPath, "add", ADD_CAPABILITIES, sources);
    List<String> drop = capabilities(own, ownPath, "drop", DROP_CAPABILITIES, sources);
    String seccomp = seccompProfile(lookup, containerName);
    String appArmor = appArmorProfile(lookup, containerName);
    String procMount = lookup.own(PROC_MOUNT, map -> NodeValues.text(map, PROC_MOUNT));
    FieldPath fallback = own != null ? ownPath : containerPath;
    for (String field : FIELDS) {
      sources.putIfAbsent(field, fallback);
    }
    return new SecurityContext(
        privileged,
        escalation,
        readOnlyRoot,
        runAsNonRoot,
        runAsUser,
        runAsGroup,
        add,
        drop,
        seccomp,
        appArmor,
        procMount,
        sources);
  }

  private static List<String> capabilities(
      @Nullable MapNode own,
      FieldPath ownPath,
      String key,
      String field,
      Map<String, FieldPath> sources) {
    MapNode capabilities = own == null ? null : own.map("capabilities");
    if (capabilities == null || !capabilities.has(key)) {
      return List.of();
    }
    sources.put(field, ownPath.key("capabilities").key(key));
    List<String> out = new ArrayList<>();
    for (String capability : NodeValues.strings(capabilities, key)) {
      String name = capability.strip().toUpperCase(Locale.ROOT);
      out.add(name.startsWith("CAP_") ? name.substring(4) : name);
    }
    return out;
  }

  private @Nullable String seccompProfile(Lookup lookup, String containerName) {
    Function<MapNode, @Nullable String> field =
        map -> seccompType(NodeValues.text(map.map(SECCOMP_PROFILE), "type"));
    String own = lookup.ownAt(SECCOMP_PROFILE, field, SECCOMP_PROFILE, "type");
    if (own != null) {
      return own;
    }
    String annotated =
        annotation(
            lookup,
            CONTAINER_SECCOMP_ANNOTATION + containerName,
            SECCOMP_PROFILE,
            SecurityContextResolver::seccompAnnotationType);
    if (annotated != null) {
      return annotated;
    }
    String inherited = lookup.podAt(SECCOMP_PROFILE, field, SECCOMP_PROFILE, "type");
    if (inherited != null) {
      return inherited;
    }
    return annotation(
        lookup,
        POD_SECCOMP_ANNOTATION,
        SECCOMP_PROFILE,
        SecurityContextResolver::seccompAnnotationType);
  }

  private @Nullable String appArmorProfile(Lookup lookup, String containerName) {
    Function<MapNode, @Nullable String> field = map -> appArmorValue(map.map(APP_ARMOR_PROFILE));
    String own = lookup.ownAt(APP_ARMOR_PROFILE, field, APP_ARMOR_PROFILE, "type");
    if (own != null) {
      return own;
    }
    String annotated =
        annotation(
            lookup,
            CONTAINER_APP_ARMOR_ANNOTATION + containerName,
            APP_ARMOR_PROFILE,
            String::strip);
    if (annotated != null) {
      return annotated;
    }
    return lookup.podAt(APP_ARMOR_PROFILE, field, APP_ARMOR_PROFILE, "type");
  }

  private @Nullable String annotation(
      Lookup lookup, String key, String field, Function<String, @Nullable String> interpret) {
    String raw = podAnnotations.get(key);
    String value = raw == null || raw.isBlank() ? null : interpret.apply(raw);
    if (value != null) {
      lookup.sources.put(field, podAnnotationsPath.key(key));
    }
    return value;
  }

  private static @Nullable String seccompType(@Nullable String type) {
    if (type == null) {
      return null;
    }
    return switch (type) {
      case "RuntimeDefault" -> "RUNTIME_DEFAULT";
      case "Unconfined" -> "UNCONFINED";
      case "Localhost" -> "LOCALHOST";
      default -> null;
    };
  }

  private static @Nullable String seccompAnnotationType(String value) {
    String profile = value.strip();
    if (profile.equals("runtime/default") || profile.equals("docker/default")) {
      return "RUNTIME_DEFAULT";
    }
    if (profile.equals("unconfined")) {
      return "UNCONFINED";
    }
    return profile.startsWith("localhost/") ? "LOCALHOST" : null;
  }

  /** The AppArmor field in the legacy annotation's notation, which policies match against. */
  private static @Nullable String appArmorValue(@Nullable MapNode profile) {
    String type = NodeValues.text(profile, "type");
    if (type == null) {
      return null;
    }
    return switch (type) {
      case "RuntimeDefault" -> "runtime/default";
      case "Unconfined" -> "unconfined";
      case "Localhost" ->
          "localhost/"
              + Objects.requireNonNullElse(NodeValues.text(profile, "localhostProfile"), "");
      default -> null;
    };
  }

  /** Reads one container's fields, recording where each effective value came from. */
  private final class Lookup {
    private final @Nullable MapNode own;
    private final FieldPath ownPath;
    private final Map<String, FieldPath> sources;

    Lookup(@Nullable MapNode own, FieldPath ownPath, Map<String, FieldPath> sources) {
      this.own = own;
      this.ownPath = ownPath;
      this.sources = sources;
    }

    <T> @Nullable T own(String field, Function<MapNode, @Nullable T> read) {
      return ownAt(field, read, field);
    }

    <T> @Nullable T inherited(String field, Function<MapNode, @Nullable T> read) {
      T value = ownAt(field, read, field);
      return value != null ? value : podAt(field, read, field);
    }

    <T> @Nullable T ownAt(String field, Function<MapNode, @Nullable T> read, String... keys) {
      return readAt(own, ownPath, field, read, keys);
    }

    <T> @Nullable T podAt(String field, Function<MapNode, @Nullable T> read, String... keys) {
      return readAt(pod, podPath, field, read, keys);
    }

    private <T> @Nullable T readAt(
        @Nullable MapNode context,
        FieldPath contextPath,
        String field,
        Function<MapNode, @Nullable T> read,
        String... keys) {
      T value = context == null ? null : read.apply(context);
      if (value != null) {
        sources.put(field, contextPath.resolve(FieldPath.of(keys)));
      }
      return value;
    }
  }
}
