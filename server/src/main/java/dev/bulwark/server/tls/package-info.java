/**
 * TLS for Bulwark's HTTPS servers: serving certificates (from files or generated) and the
 * connector.
 */
@NullMarked
package dev.bulwark.server.tls;

import org.jspecify.annotations.NullMarked;
