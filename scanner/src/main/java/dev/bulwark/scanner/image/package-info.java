/**
 * Image sources (registries, OCI layouts and archives, docker save archives, root filesystems) and
 * their layers, read safely.
 */
@NullMarked
package dev.bulwark.scanner.image;

import org.jspecify.annotations.NullMarked;
