/**
 * How every endpoint is served: the route registry (each route declares its permission), RFC 9457
 * problem details, JSON bodies, pagination.
 */
@NullMarked
package dev.bulwark.central.api;

import org.jspecify.annotations.NullMarked;
