/** Stream helpers shared by the modules that read untrusted input: counted and bounded reads. */
@NullMarked
package dev.bulwark.core.io;

import org.jspecify.annotations.NullMarked;
