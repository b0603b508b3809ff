/** Operating system detection from os-release and distribution files. */
@NullMarked
package dev.bulwark.scanner.analyzer.os;

import org.jspecify.annotations.NullMarked;
