/**
 * Picking up changed policy, exception and certificate files while the controller runs: atomically,
 * keeping the last good set when an update is broken.
 */
@NullMarked
package dev.bulwark.admission.reload;

import org.jspecify.annotations.NullMarked;
