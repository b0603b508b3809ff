/**
 * Renders Helm charts in-process with the Helm library bundled by helm-java, and maps rendered
 * objects back to the chart templates that produced them.
 */
@NullMarked
package dev.bulwark.render.helm;

import org.jspecify.annotations.NullMarked;
