/**
 * Conformance of the policy engine with StackRox: the 89 default policies load unchanged and each
 * deploy-time one decides the fixtures under {@code src/test/resources/stackrox-fixtures} the way
 * StackRox would.
 */
@NullMarked
package dev.bulwark.policy.conformance;

import org.jspecify.annotations.NullMarked;
