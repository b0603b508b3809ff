/**
 * Policy exceptions central keeps: owned, reasoned, expiring waivers in the policy library's model
 * ({@link dev.bulwark.policy.exception.PolicyException}), read and validated by its {@link
 * dev.bulwark.policy.exception.ExceptionReader} so central and the CLI accept the same exceptions.
 */
@NullMarked
package dev.bulwark.central.exceptions;

import org.jspecify.annotations.NullMarked;
