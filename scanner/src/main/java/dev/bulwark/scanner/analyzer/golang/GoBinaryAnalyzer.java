package dev.bulwark.scanner.analyzer.golang;

import dev.bulwark.scanner.analyzer.AnalysisSink;
import dev.bulwark.scanner.analyzer.AnalyzedFile;
import dev.bulwark.scanner.analyzer.Analyzer;
import dev.bulwark.scanner.analyzer.Ecosystem;
import dev.bulwark.scanner.analyzer.Note;
import dev.bulwark.scanner.analyzer.Package;
import dev.bulwark.scanner.analyzer.PackageUrl;
import dev.bulwark.scanner.analyzer.elf.ElfFile;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go modules compiled into ELF binaries, from the build information in the {@code .go.buildinfo}
 * section: the main module (unless its version is {@code (devel)}, a local build), every {@code
 * dep} module (its {@code =>} replacement when it has one with a version; a replacement by a local
 * folder is not reported) and the standard library as the package {@code stdlib} with the
 * toolchain's version ({@code go1.22.1} becomes {@code v1.22.1}).
 */
public final class GoBinaryAnalyzer implements Analyzer {
  private static final int MAXIMUM_SECTION_BYTES = 16 << 20;
  private static final Pattern GO_VERSION =
      Pattern.compile("go(\\d+)\\.(\\d+)(?:\\.(\\d+))?(?: .*)?");

  @Override
  public String name() {
    return "go-binary";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public boolean wants(String path, long size) {
    return ElfFile.isCandidate(path, size);
  }

  @Override
  public void analyze(AnalyzedFile file, AnalysisSink sink) throws IOException {
    Optional<byte[]> section = ElfFile.readSection(file, ".go.buildinfo", MAXIMUM_SECTION_BYTES);
    if (section.isEmpty()) {
      return;
    }
    GoBuildInfo info = GoBuildInfo.decode(section.get());
    String path = file.path();
    Matcher version = GO_VERSION.matcher(info.goVersion());
    if (version.matches()) {
      String patch = version.group(3) == null ? "0" : version.group(3);
      String stdlib = "v" + version.group(1) + "." + version.group(2) + "." + patch;
      sink.found(module("stdlib", stdlib, path));
    } else {
      sink.note(
          new Note(
              name(), path, "Go version \"" + info.goVersion() + "\" is not a release; no stdlib"));
    }
    GoBuildInfo.Module main = info.main();
    if (main != null && published(main.version())) {
      report(main, path, sink);
    }
    for (GoBuildInfo.Module dependency : info.dependencies()) {
      report(dependency, path, sink);
    }
  }

  private void report(GoBuildInfo.Module module, String path, AnalysisSink sink) {
    GoBuildInfo.Module effective = module.replacement() == null ? module : module.replacement();
    if (effective.path().isEmpty() || !published(effective.version())) {
      sink.note(
          new Note(
              name(),
              path,
              "module "
                  + module.path()
                  + " is replaced by the local folder "
                  + effective.path()
                  + "; not reported"));
      return;
    }
    sink.found(module(effective.path(), effective.version(), path));
  }

  /** Local builds and local folder replacements have no version, or {@code (devel)}. */
  private static boolean published(String version) {
    return !version.isEmpty() && !version.equals("(devel)");
  }

  private static Package module(String modulePath, String version, String path) {
    int slash = modulePath.lastIndexOf('/');
    PackageUrl purl =
        slash < 0
            ? PackageUrl.of("golang", null, modulePath, version)
            : PackageUrl.of(
                "golang", modulePath.substring(0, slash), modulePath.substring(slash + 1), version);
    return Package.library(modulePath, version, Ecosystem.GO, purl, path);
  }
}
