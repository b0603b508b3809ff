/**
 * The notifier types: their settings (declared as data, validated alike), how each renders an alert
 * event, and the network clients that send it (HTTPS, SMTP with STARTTLS, syslog over UDP, TCP and
 * TLS). Knows nothing of the database or the API.
 */
@NullMarked
package dev.bulwark.central.notifiers.channel;

import org.jspecify.annotations.NullMarked;
