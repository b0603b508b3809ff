/** The local vulnerability store: import, update, status and lookup, safe for concurrent runs. */
@NullMarked
package dev.bulwark.vulndb.store;

import org.jspecify.annotations.NullMarked;
