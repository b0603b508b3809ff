/**
 * Reading and writing policies: StackRox policy JSON (single policies and {@code {"policies":
 * [...]}} export bundles), the same in YAML, and the {@code SecurityPolicy} custom resource ({@code
 * config.stackrox.io/v1alpha1}); plus Bulwark exception files.
 */
@NullMarked
package dev.bulwark.policy.io;

import org.jspecify.annotations.NullMarked;
