@NullMarked
package dev.bulwark.admission.review;

import org.jspecify.annotations.NullMarked;
