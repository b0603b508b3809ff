/**
 * A bearer token server for registry integration tests: it checks HTTP Basic credentials and issues
 * the signed tokens Docker's distribution registry accepts with {@code auth: token}.
 */
@NullMarked
package dev.bulwark.testsupport.token;

import org.jspecify.annotations.NullMarked;
