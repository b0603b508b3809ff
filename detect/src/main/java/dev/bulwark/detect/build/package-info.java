/**
 * What {@code bulwark image check} computes once an image is scanned: the build-stage policies
 * evaluated against the image's data ({@link dev.bulwark.detect.build.ImageCheckRun}), the report
 * of one image check and its JSON and table writers.
 */
@NullMarked
package dev.bulwark.detect.build;

import org.jspecify.annotations.NullMarked;
