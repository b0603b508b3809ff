/** Strict reading of JSON trees whose shape a Bulwark format fixes. */
@NullMarked
package dev.bulwark.core.json;

import org.jspecify.annotations.NullMarked;
