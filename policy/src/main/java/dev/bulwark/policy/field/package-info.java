/** The registry of policy criteria: names and metadata, as data. */
@NullMarked
package dev.bulwark.policy.field;

import org.jspecify.annotations.NullMarked;
