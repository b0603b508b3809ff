/**
 * Image scan data for image policies at admission time: a cache keyed by image digest (filled by
 * the scanner), an optional scan under a deadline, and what happens when neither answers in time.
 */
@NullMarked
package dev.bulwark.admission.images;

import org.jspecify.annotations.NullMarked;
