package dev.bulwark.core.workload;

import dev.bulwark.core.manifest.FieldPath;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A container's effective security context: container values, falling back to pod-level values
 * where Kubernetes inherits them (runAsUser, runAsGroup, runAsNonRoot, seccompProfile,
 * appArmorProfile, seLinuxOptions). Null means not set anywhere.
 *
 * @param addCapabilities capabilities as written, upper case, without a {@code CAP_} prefix
 * @param dropCapabilities likewise
 * @param seccompProfileType UNCONFINED, RUNTIME_DEFAULT or LOCALHOST (from the field or the legacy
 *     annotations)
 * @param appArmorProfile the AppArmor profile ({@code runtime/default}, {@code unconfined}, {@code
 *     localhost/NAME}) from the field or the legacy annotation
 * @param sources where each effective value was written, so that findings point at the right line:
 *     keys are {@code privileged}, {@code allowPrivilegeEscalation}, {@code
 *     readOnlyRootFilesystem}, {@code runAsNonRoot}, {@code runAsUser}, {@code runAsGroup}, {@code
 *     capabilities.add}, {@code capabilities.drop}, {@code seccompProfile}, {@code appArmorProfile}
 *     and {@code procMount}, always all present. A value set nowhere maps to the container's {@code
 *     securityContext} when it has one, else to the container.
 */
public record SecurityContext(
    @Nullable Boolean privileged,
    @Nullable Boolean allowPrivilegeEscalation,
    @Nullable Boolean readOnlyRootFilesystem,
    @Nullable Boolean runAsNonRoot,
    @Nullable Long runAsUser,
    @Nullable Long runAsGroup,
    List<String> addCapabilities,
    List<String> dropCapabilities,
    @Nullable String seccompProfileType,
    @Nullable String appArmorProfile,
    @Nullable String procMount,
    Map<String, FieldPath> sources) {
  public SecurityContext {
    addCapabilities = List.copyOf(addCapabilities);
    dropCapabilities = List.copyOf(dropCapabilities);
    sources = Map.copyOf(sources);
  }

  /** Where the effective value of {@code key} (one of the keys of {@code sources}) was written. */
  public FieldPath source(String key) {
    FieldPath path = sources.get(key);
    if (path == null) {
      throw new IllegalArgumentException("no security setting called " + key);
    }
    return path;
  }
}
