package dev.bulwark.server.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {
  @Test
  void writesFilesOnlyTheOwnerCanReadAndReplacesThemWhole(@TempDir Path directory)
      throws IOException {
    Path file = directory.resolve("nested/admin-token");

    PrivateFiles.write(file, "first\n");
    PrivateFiles.write(file, "second\n");

    assertThat(file).hasContent("second");
    assertThat(mode(file)).isEqualTo("rw-------");
    try (var entries = Files.list(file.getParent())) {
      assertThat(entries).as("no temporary file is left behind").containsExactly(file);
    }
  }

  @Test
  void createsDirectoriesOnlyTheOwnerCanEnter(@TempDir Path directory) throws IOException {
    Path created = PrivateFiles.directory(directory.resolve("a/b/data"));

    assertThat(created).isDirectory();
    assertThat(mode(created)).isEqualTo("rwx------");
    assertThat(PrivateFiles.directory(created))
        .as("an existing directory is kept")
        .isEqualTo(created);
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
