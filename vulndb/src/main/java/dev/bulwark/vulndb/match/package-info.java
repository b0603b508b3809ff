/**
 * Matching installed packages against the vulnerability store: OSV affected entries (ranges and
 * listed versions) evaluated with each ecosystem's version ordering.
 */
@NullMarked
package dev.bulwark.vulndb.match;

import org.jspecify.annotations.NullMarked;
