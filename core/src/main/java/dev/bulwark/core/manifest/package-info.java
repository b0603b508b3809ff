@NullMarked
package dev.bulwark.core.manifest;

import org.jspecify.annotations.NullMarked;
