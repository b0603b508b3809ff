/**
 * Vulnerabilities of a scanned image: the packages of an {@link dev.bulwark.scanner.scan.ImageScan}
 * as vulnerability database queries, and the matches tied back to the layer and file each package
 * came from.
 */
@NullMarked
package dev.bulwark.scanner.vuln;

import org.jspecify.annotations.NullMarked;
