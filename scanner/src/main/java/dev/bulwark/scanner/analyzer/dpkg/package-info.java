/** Debian package database analyzer (dpkg status and distroless status.d). */
@NullMarked
package dev.bulwark.scanner.analyzer.dpkg;

import org.jspecify.annotations.NullMarked;
