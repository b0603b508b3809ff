/**
 * What Bulwark knows about an image's contents, from a scan. Filled by the scanner; read by image
 * policy criteria.
 */
@NullMarked
package dev.bulwark.core.image;

import org.jspecify.annotations.NullMarked;
