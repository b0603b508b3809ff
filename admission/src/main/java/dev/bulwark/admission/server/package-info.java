@NullMarked
package dev.bulwark.admission.server;

import org.jspecify.annotations.NullMarked;
