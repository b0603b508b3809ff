/** rpm package database analyzer (SQLite rpmdb) and the rpm header format. */
@NullMarked
package dev.bulwark.scanner.analyzer.rpm;

import org.jspecify.annotations.NullMarked;
