package dev.bulwark.policy.model;

import org.jspecify.annotations.Nullable;

/**
 * Where a policy applies or an exclusion holds. Every set field must match; cluster and namespace
 * are regular expressions.
 */
public record Scope(
    @Nullable String cluster,
    @Nullable String namespace,
    @Nullable LabelSelector label,
    @Nullable LabelSelector clusterLabel,
    @Nullable LabelSelector namespaceLabel) {}
