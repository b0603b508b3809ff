/**
 * A real container registry on loopback for integration tests (Debian's docker-registry), and
 * helpers that build OCI images offline with umoci and push them with skopeo.
 */
@NullMarked
package dev.bulwark.testsupport.registry;

import org.jspecify.annotations.NullMarked;
