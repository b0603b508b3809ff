package dev.bulwark.policy.engine;

import dev.bulwark.core.context.WorkloadContext;
import dev.bulwark.core.image.ImageDataProvider;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.workload.Workload;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Everything one evaluation reads. Evaluation is pure: same input, same outcomes.
 *
 * @param workload the workload view, null when the object runs no pods
 * @param context cross-object context of the workload, null when {@code workload} is null
 * @param cluster the cluster name scopes and exceptions compare against ("" when unknown)
 * @param now the instant against which exclusion and exception expiry is judged
 */
public record EvaluationInput(
    ManifestObject object,
    @Nullable Workload workload,
    @Nullable WorkloadContext context,
    ImageDataProvider images,
    String cluster,
    Instant now) {}
