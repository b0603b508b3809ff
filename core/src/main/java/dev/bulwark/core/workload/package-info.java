@NullMarked
package dev.bulwark.core.workload;

import org.jspecify.annotations.NullMarked;
