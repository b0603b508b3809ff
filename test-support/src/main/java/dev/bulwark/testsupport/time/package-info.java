/** Time that tests control. */
@NullMarked
package dev.bulwark.testsupport.time;

import org.jspecify.annotations.NullMarked;
