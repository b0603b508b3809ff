package dev.bulwark.testsupport.registry;

import java.nio.file.Path;

/**
 * Builds OCI images offline from directories with umoci ({@code e2e/images/build}).
 *
 * @param scripts the e2e/images folder
 */
public record ImageFixtures(Path scripts) {
  /**
   * Adds image {@code layout:tag} (created when missing) with the directory's content as its only
   * layer, for linux/{@code architecture}, running as {@code user} (empty: root).
   */
  public void build(Path rootfs, Path layout, String tag, String architecture, String user) {
    if (user.isEmpty()) {
      Scripts.run(
          scripts.resolve("build"), rootfs.toString(), layout.toString(), tag, architecture);
    } else {
      Scripts.run(
          scripts.resolve("build"), rootfs.toString(), layout.toString(), tag, architecture, user);
    }
  }
}
