/** {@code bulwark db}: import, update and inspect the local vulnerability database. */
@NullMarked
package dev.bulwark.cli.db;

import org.jspecify.annotations.NullMarked;
