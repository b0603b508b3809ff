/**
 * A real Kubernetes control plane for integration tests: {@link RealKubernetes} starts the local
 * cluster of {@code e2e/cluster} once per JVM (or reuses a running one) and gives each test a
 * fabric8 client bound to a namespace of its own.
 */
@NullMarked
package dev.bulwark.testsupport.kubernetes;

import org.jspecify.annotations.NullMarked;
