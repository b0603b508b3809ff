/**
 * Exceptions: named, owned, reasoned and expiring waivers of a policy for a scope. They apply the
 * same way wherever the engine runs; waived findings are reported as waived, never hidden.
 */
@NullMarked
package dev.bulwark.policy.exception;

import org.jspecify.annotations.NullMarked;
