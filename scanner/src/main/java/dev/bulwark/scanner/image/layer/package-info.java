/**
 * Reads layers as streams of tar entries without extracting them, and merges them into the final
 * filesystem view.
 */
@NullMarked
package dev.bulwark.scanner.image.layer;

import org.jspecify.annotations.NullMarked;
