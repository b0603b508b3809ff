/**
 * Reading, validating and writing policies: StackRox policy JSON (single policies and {@code
 * {"policies": [...]}} export bundles), the same in YAML, and the {@code SecurityPolicy} custom
 * resource ({@code config.stackrox.io/v1alpha1}), checked with StackRox's validation rules. The
 * document parser, field reader and file walker here are shared with the exception reader.
 */
@NullMarked
package dev.bulwark.policy.io;

import org.jspecify.annotations.NullMarked;
