@NullMarked
package dev.bulwark.admission;

import org.jspecify.annotations.NullMarked;
