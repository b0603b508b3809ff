/**
 * The one policy engine: compiles policies once into immutable, thread-safe {@link
 * dev.bulwark.policy.engine.CompiledPolicySet}s and evaluates objects purely. The CLI, the
 * admission webhook, the sensor and Central all call it.
 */
@NullMarked
package dev.bulwark.policy.engine;

import org.jspecify.annotations.NullMarked;
