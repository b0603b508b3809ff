/**
 * Renders Kustomize directories with {@code kubectl kustomize} and maps rendered objects back to
 * the resource and patch files of the kustomization.
 */
@NullMarked
package dev.bulwark.render.kustomize;

import org.jspecify.annotations.NullMarked;
