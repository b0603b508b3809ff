/**
 * Compliance frameworks and tools whose controls policies carry as tags ({@code cis-k8s:5.2.2},
 * {@code kube-linter:latest-tag}): which frameworks Bulwark knows, what they are, and which of
 * their controls are on by default when a run selects the framework.
 */
@NullMarked
package dev.bulwark.policy.framework;

import org.jspecify.annotations.NullMarked;
