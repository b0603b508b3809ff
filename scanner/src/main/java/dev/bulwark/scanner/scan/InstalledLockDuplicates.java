package dev.bulwark.scanner.scan;

import dev.bulwark.scanner.analyzer.Ecosystem;
import dev.bulwark.scanner.analyzer.Package;
import dev.bulwark.scanner.analyzer.npm.NpmLockAnalyzer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the npm packages a lock file lists that are also installed next to it, so that an
 * application shipped with both its {@code package-lock.json} and its {@code node_modules} counts
 * each package once, from the installed package.json that proves it is there.
 *
 * <p>The rule: a package found in {@code <folder>/package-lock.json} (or {@code
 * npm-shrinkwrap.json}) is a duplicate when a package of the same name and version was found in a
 * package.json below {@code <folder>/node_modules/}, at any depth. Lock-file packages with no such
 * installed twin (a lock file shipped without its node_modules, or a version the lock pins but the
 * installed tree does not hold) are kept.
 */
final class InstalledLockDuplicates {
  private static final String MODULES = "node_modules/";

  private InstalledLockDuplicates() {}

  /** The packages, found in the merged filesystem, that are lock-file duplicates by the rule. */
  static Set<Package> of(List<Package> packages) {
    Map<String, List<String>> installed = new HashMap<>();
    List<Package> locked = new ArrayList<>();
    for (Package found : packages) {
      if (found.ecosystem() != Ecosystem.NPM) {
        continue;
      }
      if (NpmLockAnalyzer.isLockFile(found.path())) {
        locked.add(found);
      } else {
        installed.computeIfAbsent(key(found), any -> new ArrayList<>()).add(found.path());
      }
    }
    Set<Package> duplicates = new HashSet<>();
    for (Package found : locked) {
      String lockFile = found.path();
      String modules = lockFile.substring(0, lockFile.lastIndexOf('/') + 1) + MODULES;
      List<String> paths = installed.getOrDefault(key(found), List.of());
      if (paths.stream().anyMatch(path -> path.startsWith(modules))) {
        duplicates.add(found);
      }
    }
    return duplicates;
  }

  private static String key(Package found) {
    return found.name() + '@' + found.version();
  }
}
