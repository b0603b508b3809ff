@NullMarked
package dev.bulwark.cli.policy;

import org.jspecify.annotations.NullMarked;
