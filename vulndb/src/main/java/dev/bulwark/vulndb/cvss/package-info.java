/** CVSS v2, v3.x and v4 vectors and their base scores. */
@NullMarked
package dev.bulwark.vulndb.cvss;

import org.jspecify.annotations.NullMarked;
