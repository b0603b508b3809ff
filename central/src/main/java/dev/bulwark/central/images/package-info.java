/**
 * What central's scans found in the inventory's images: stored per image key, read back as image
 * data for evaluation and as scan status for the API. The scanning job lives with the inventory,
 * which re-evaluates the deployments an image's new scan concerns.
 */
@NullMarked
package dev.bulwark.central.images;

import org.jspecify.annotations.NullMarked;
