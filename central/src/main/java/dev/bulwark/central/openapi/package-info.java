/**
 * The OpenAPI 3.1 document, generated from the route registry and the schemas the features
 * register.
 */
@NullMarked
package dev.bulwark.central.openapi;

import org.jspecify.annotations.NullMarked;
