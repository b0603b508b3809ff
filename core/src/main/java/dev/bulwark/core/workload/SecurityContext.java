package dev.bulwark.core.workload;

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
 * @param sources for each field name above, the path where its effective value was written
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
    Map<String, dev.bulwark.core.manifest.FieldPath> sources) {
  public SecurityContext {
    addCapabilities = List.copyOf(addCapabilities);
    dropCapabilities = List.copyOf(dropCapabilities);
    sources = Map.copyOf(sources);
  }
}
