/** JMH benchmarks of the hot paths. */
@NullMarked
package dev.bulwark.bench;

import org.jspecify.annotations.NullMarked;
