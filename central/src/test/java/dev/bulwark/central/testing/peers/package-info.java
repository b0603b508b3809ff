/**
 * Real local peers for notifier tests: an HTTPS server, an SMTP server with STARTTLS and syslog
 * listeners (UDP, TCP, TLS), each recording exactly what it received.
 */
@NullMarked
package dev.bulwark.central.testing.peers;

import org.jspecify.annotations.NullMarked;
