package dev.bulwark.central.testing;

import dev.bulwark.central.storage.ConnectionSettings;
import dev.bulwark.testsupport.process.ScriptProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A PostgreSQL server from Debian's packages, started by {@code e2e/postgres/start} on a loopback
 * port for one test class, and stopped (its files deleted) by {@link #close()}. Without the
 * packages the test is skipped, or fails when CI=true.
 */
public final class ExternalPostgres implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private final Path scripts;
  private final Path state;
  private final ConnectionSettings database;

  private ExternalPostgres(Path scripts, Path state, ConnectionSettings database) {
    this.scripts = scripts;
    this.state = state;
    this.database = database;
  }

  /** Starts a server, or skips the test when PostgreSQL is not installed (outside CI). */
  public static ExternalPostgres start() {
    boolean installed;
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      installed = versions.anyMatch(version -> Files.isExecutable(version.resolve("bin/initdb")));
    } catch (IOException e) {
      installed = false;
    }
    String message = "Debian's PostgreSQL is not installed: apt-get install postgresql";
    if ("true".equals(System.getenv("CI")) && !installed) {
      throw new IllegalStateException(message);
    }
    Assumptions.assumeTrue(installed, message);
    Path scripts = scripts();
    try {
      Path state = Path.of("/tmp", "bulwark-postgres-it-" + UUID.randomUUID());
      String output =
          ScriptProcess.run(
              TIMEOUT, scripts.resolve("start"), state.toString(), String.valueOf(freePort()));
      List<String> lines = output.strip().lines().toList();
      String password = Files.readString(state.resolve("password"), StandardCharsets.UTF_8).strip();
      return new ExternalPostgres(
          scripts, state, new ConnectionSettings(lines.getLast(), "bulwark", password));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The "bulwark" database, owned by the "bulwark" role. */
  public ConnectionSettings database() {
    return database;
  }

  /** A new, empty database owned by the "bulwark" role. */
  public ConnectionSettings fresh() {
    String name = "t_" + UUID.randomUUID().toString().replace("-", "");
    TestDatabases.execute(database, "CREATE DATABASE " + name);
    String url = database.url().substring(0, database.url().lastIndexOf('/') + 1) + name;
    return new ConnectionSettings(url, database.user(), database.password());
  }

  @Override
  public void close() {
    ScriptProcess.run(TIMEOUT, scripts.resolve("stop"), state.toString());
  }

  private static Path scripts() {
    Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path candidate = start; candidate != null; candidate = candidate.getParent()) {
      Path scripts = candidate.resolve("e2e/postgres");
      if (Files.isExecutable(scripts.resolve("start"))) {
        return scripts;
      }
    }
    throw new IllegalStateException("no e2e/postgres/start above " + start);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
