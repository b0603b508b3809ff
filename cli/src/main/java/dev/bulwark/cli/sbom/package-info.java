/**
 * {@code bulwark sbom}: software bills of materials of images (CycloneDX 1.6, SPDX 2.3), written by
 * the image package's writers, which {@code image scan} shares.
 */
@NullMarked
package dev.bulwark.cli.sbom;

import org.jspecify.annotations.NullMarked;
