/** OSV records: a tolerant reader of the OSV schema into immutable records. */
@NullMarked
package dev.bulwark.vulndb.osv;

import org.jspecify.annotations.NullMarked;
