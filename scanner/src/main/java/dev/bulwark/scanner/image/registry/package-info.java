/**
 * Docker Registry HTTP API v2 / OCI distribution client: manifests and blobs with anonymous, basic
 * and bearer token authentication.
 */
@NullMarked
package dev.bulwark.scanner.image.registry;

import org.jspecify.annotations.NullMarked;
