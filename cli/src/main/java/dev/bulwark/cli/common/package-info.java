@NullMarked
package dev.bulwark.cli.common;

import org.jspecify.annotations.NullMarked;
