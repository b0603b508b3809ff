package dev.bulwark.testsupport.registry;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class against real registries on loopback ({@code e2e/images/registry}):
 * test and lifecycle methods may take {@link LocalRegistries}, whose anonymous, basic-auth and
 * token-auth registries are each started once per test JVM on a free port and stopped when the JVM
 * exits, and {@link ImageFixtures} to build OCI layouts (and the cached Debian images) to push.
 * When the tools are missing, the tests are skipped, unless {@code CI=true}, where they fail (run
 * {@code e2e/images/install}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RealRegistryExtension.class)
@Tag("registry")
public @interface RealRegistry {}
