/**
 * What {@code bulwark check} computes, independent of how inputs arrive: the deploy-time check of
 * manifest sources against compiled policies ({@link dev.bulwark.detect.deploy.CheckRun}), the Pod
 * Security admission verdicts and the images the workloads reference.
 */
@NullMarked
package dev.bulwark.detect.deploy;

import org.jspecify.annotations.NullMarked;
