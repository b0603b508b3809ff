/**
 * Turns CLI inputs into {@link dev.bulwark.core.manifest.ManifestSource}s: files, directories
 * (recursively), standard input, Helm charts rendered in-process and Kustomize directories rendered
 * with {@code kubectl kustomize}, mapping rendered objects back to their sources.
 */
@NullMarked
package dev.bulwark.render;

import org.jspecify.annotations.NullMarked;
