@NullMarked
package dev.bulwark.cli.check;

import org.jspecify.annotations.NullMarked;
