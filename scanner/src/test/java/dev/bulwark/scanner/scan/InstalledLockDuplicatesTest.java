package dev.bulwark.scanner.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.scanner.analyzer.Ecosystem;
import dev.bulwark.scanner.analyzer.Package;
import dev.bulwark.scanner.analyzer.PackageUrl;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstalledLockDuplicatesTest {
  private static Package npm(String name, String version, String path) {
    return Package.library(
        name, version, Ecosystem.NPM, PackageUrl.of("npm", null, name, version), path);
  }

  @Test
  void lockAtTheRootMatchesTheRootNodeModulesAtAnyDepth() {
    Package locked = npm("ms", "2.1.3", "package-lock.json");
    Package installed = npm("ms", "2.1.3", "node_modules/debug/node_modules/ms/package.json");

    assertThat(InstalledLockDuplicates.of(List.of(locked, installed))).containsExactly(locked);
  }

  @Test
  void onlyTheSameNameAndVersionUnderTheLockFolderIsADuplicate() {
    Package locked = npm("ms", "2.1.3", "app/npm-shrinkwrap.json");
    Package otherVersion = npm("ms", "2.1.2", "app/node_modules/ms/package.json");
    Package otherFolder = npm("ms", "2.1.3", "application/node_modules/ms/package.json");
    Package otherLock = npm("ms", "2.1.3", "app/sub/package-lock.json");
    Package otherEcosystem =
        Package.library(
            "ms",
            "2.1.3",
            Ecosystem.PYPI,
            PackageUrl.of("pypi", null, "ms", "2.1.3"),
            "app/node_modules/ms/package.json");

    assertThat(
            InstalledLockDuplicates.of(
                List.of(locked, otherVersion, otherFolder, otherLock, otherEcosystem)))
        .isEmpty();
  }
}
