package dev.bulwark.core.workload;

import org.jspecify.annotations.Nullable;

/**
 * A parsed container image reference with Docker Hub defaults applied: {@code nginx} is registry
 * {@code docker.io}, remote {@code library/nginx}, tag {@code latest}.
 *
 * @param fullName the reference as written in the manifest
 * @param registry registry host (and port), e.g. {@code docker.io}, {@code quay.io}, {@code
 *     localhost:5000}
 * @param remote repository path within the registry, e.g. {@code library/nginx}
 * @param tag the tag; {@code latest} when neither tag nor digest is given; null when only a digest
 *     is given
 * @param digest {@code sha256:...} when pinned by digest, else null
 */
public record ImageRef(
    String fullName,
    String registry,
    String remote,
    @Nullable String tag,
    @Nullable String digest) {}
