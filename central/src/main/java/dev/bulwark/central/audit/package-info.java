/** The audit log of every call that changes something: who, what, when, with what result. */
@NullMarked
package dev.bulwark.central.audit;

import org.jspecify.annotations.NullMarked;
