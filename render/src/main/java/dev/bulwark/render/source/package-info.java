/**
 * What the renderers share: display paths for reports and the outcome of rendering one directory.
 */
@NullMarked
package dev.bulwark.render.source;

import org.jspecify.annotations.NullMarked;
