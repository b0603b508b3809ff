/** A bounded reader of ELF executables' sections, shared by the binary analyzers. */
@NullMarked
package dev.bulwark.scanner.analyzer.elf;

import org.jspecify.annotations.NullMarked;
