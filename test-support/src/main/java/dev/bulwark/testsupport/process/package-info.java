/** Running the project's shell scripts (e2e/cluster, e2e/images) from tests. */
@NullMarked
package dev.bulwark.testsupport.process;

import org.jspecify.annotations.NullMarked;
