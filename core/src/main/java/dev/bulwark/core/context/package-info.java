@NullMarked
package dev.bulwark.core.context;

import org.jspecify.annotations.NullMarked;
