package dev.bulwark.vulndb.store;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The key under which a package is stored and looked up, so that a name as an installed package
 * spells it finds the name as an advisory spells it: PyPI names per PEP 503 (lower case, runs of
 * {@code -_.} as one {@code -}), npm names in lower case (a scope {@code @scope/} is kept), every
 * other ecosystem (Maven {@code group:artifact}, Go module paths, distribution packages) as
 * written, since they are case-sensitive.
 */
public final class PackageNames {
  private static final Pattern PEP_503_SEPARATORS = Pattern.compile("[-_.]+");

  private PackageNames() {}

  /** The lookup key of {@code name} in {@code ecosystem} (with or without a release suffix). */
  public static String normalise(String ecosystem, String name) {
    String base =
        ecosystem.contains(":") ? ecosystem.substring(0, ecosystem.indexOf(':')) : ecosystem;
    return switch (base) {
      case "PyPI" ->
          PEP_503_SEPARATORS.matcher(name.strip().toLowerCase(Locale.ROOT)).replaceAll("-");
      case "npm" -> name.strip().toLowerCase(Locale.ROOT);
      default -> name.strip();
    };
  }
}
