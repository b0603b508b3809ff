/** Secrets at rest: AES-GCM sealing with the installation's key, values that never print. */
@NullMarked
package dev.bulwark.central.secrets;

import org.jspecify.annotations.NullMarked;
