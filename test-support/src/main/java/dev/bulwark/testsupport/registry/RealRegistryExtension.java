package dev.bulwark.testsupport.registry;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** The extension behind {@link RealRegistry}: resolves the JVM-wide registries and fixtures. */
public final class RealRegistryExtension implements ParameterResolver {
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == LocalRegistries.class || type == ImageFixtures.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Scripts.requireTools();
    if (parameter.getParameter().getType() == ImageFixtures.class) {
      return new ImageFixtures(Scripts.directory());
    }
    return LocalRegistries.get();
  }
}
