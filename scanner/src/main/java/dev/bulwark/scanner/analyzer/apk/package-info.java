/** Alpine package database analyzer. */
@NullMarked
package dev.bulwark.scanner.analyzer.apk;

import org.jspecify.annotations.NullMarked;
