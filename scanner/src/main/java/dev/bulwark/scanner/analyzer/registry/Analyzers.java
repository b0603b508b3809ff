package dev.bulwark.scanner.analyzer.registry;

import dev.bulwark.scanner.analyzer.Analyzer;
import dev.bulwark.scanner.analyzer.apk.ApkAnalyzer;
import dev.bulwark.scanner.analyzer.dotnet.DepsJsonAnalyzer;
import dev.bulwark.scanner.analyzer.dpkg.DpkgAnalyzer;
import dev.bulwark.scanner.analyzer.golang.GoBinaryAnalyzer;
import dev.bulwark.scanner.analyzer.java.JavaArchiveAnalyzer;
import dev.bulwark.scanner.analyzer.npm.NpmAnalyzer;
import dev.bulwark.scanner.analyzer.npm.NpmLockAnalyzer;
import dev.bulwark.scanner.analyzer.os.OsReleaseAnalyzer;
import dev.bulwark.scanner.analyzer.python.PythonAnalyzer;
import dev.bulwark.scanner.analyzer.rpm.RpmDatabaseAnalyzer;
import dev.bulwark.scanner.analyzer.ruby.GemspecAnalyzer;
import dev.bulwark.scanner.analyzer.rust.CargoAuditableAnalyzer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every analyzer, listed explicitly so that the set is reviewable. The list is validated when this
 * class loads (unique kebab-case names, positive versions), so a clash fails every run at once.
 */
public final class Analyzers {
  private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  private static final List<Analyzer> ALL =
      validated(
          List.of(
              new OsReleaseAnalyzer(),
              new DpkgAnalyzer(),
              new ApkAnalyzer(),
              new RpmDatabaseAnalyzer(),
              new JavaArchiveAnalyzer(),
              new NpmAnalyzer(),
              new NpmLockAnalyzer(),
              new PythonAnalyzer(),
              new GoBinaryAnalyzer(),
              new CargoAuditableAnalyzer(),
              new GemspecAnalyzer(),
              new DepsJsonAnalyzer()));

  private Analyzers() {}

  /** Every analyzer, operating system detection first. */
  public static List<Analyzer> all() {
    return ALL;
  }

  static List<Analyzer> validated(List<Analyzer> analyzers) {
    List<String> problems = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Analyzer analyzer : analyzers) {
      String name = analyzer.name();
      if (!NAME.matcher(name).matches()) {
        problems.add(name + ": name is not lower-case kebab-case");
      }
      if (!names.add(name)) {
        problems.add(name + ": name used by two analyzers");
      }
      if (analyzer.version() < 1) {
        problems.add(name + ": version must be positive");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("invalid analyzers: " + String.join("; ", problems));
    }
    return List.copyOf(analyzers);
  }
}
