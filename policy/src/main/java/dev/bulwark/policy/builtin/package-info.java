/** Bulwark's built-in policy pack: policies as data under resources, listed explicitly. */
@NullMarked
package dev.bulwark.policy.builtin;

import org.jspecify.annotations.NullMarked;
