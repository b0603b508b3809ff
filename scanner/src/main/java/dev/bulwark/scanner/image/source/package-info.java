/**
 * Opens an {@link dev.bulwark.scanner.image.Image} from a reference: registry, OCI layout, OCI
 * archive, docker save archive or root filesystem directory.
 */
@NullMarked
package dev.bulwark.scanner.image.source;

import org.jspecify.annotations.NullMarked;
