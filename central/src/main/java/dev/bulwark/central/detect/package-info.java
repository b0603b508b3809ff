/**
 * CI detection: pipelines send manifests to central, which checks them with its enabled policies
 * and answers the report {@code bulwark check -o json} writes, computed by the detect library.
 */
@NullMarked
package dev.bulwark.central.detect;

import org.jspecify.annotations.NullMarked;
