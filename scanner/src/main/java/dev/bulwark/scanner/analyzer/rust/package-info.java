/** Rust binary analyzer (cargo-auditable dependency lists). */
@NullMarked
package dev.bulwark.scanner.analyzer.rust;

import org.jspecify.annotations.NullMarked;
