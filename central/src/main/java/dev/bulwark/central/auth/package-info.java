/**
 * Who calls: API tokens (stored as SHA-256 hashes), roles, permissions, authentication of a bearer
 * token, the first admin token.
 */
@NullMarked
package dev.bulwark.central.auth;

import org.jspecify.annotations.NullMarked;
