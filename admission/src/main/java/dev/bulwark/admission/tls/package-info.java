@NullMarked
package dev.bulwark.admission.tls;

import org.jspecify.annotations.NullMarked;
