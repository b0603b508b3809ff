@NullMarked
package dev.bulwark.admission.decision;

import org.jspecify.annotations.NullMarked;
