package dev.bulwark.testsupport.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The registries of this test JVM, each started on first use on a free loopback port with its
 * storage in a temporary folder, and stopped (folder deleted) when the JVM exits. Thread-safe.
 */
public final class LocalRegistries {
  /** User name the basic-auth registry accepts. */
  public static final String USERNAME = "bulwark";

  /** Password the basic-auth registry accepts (a test secret, not a real one). */
  public static final String PASSWORD = "test-only-password";

  private static final long START_SECONDS = 20;
  private static @Nullable LocalRegistries instance;

  private @Nullable LocalRegistry anonymous;
  private @Nullable LocalRegistry basicAuth;

  private LocalRegistries() {}

  static synchronized LocalRegistries get() {
    if (instance == null) {
      instance = new LocalRegistries();
    }
    return instance;
  }

  /** A registry that lets anyone pull and push. */
  public synchronized LocalRegistry anonymous() {
    if (anonymous == null) {
      anonymous = start(null, null);
    }
    return anonymous;
  }

  /** A registry demanding HTTP basic auth with {@link #USERNAME} and {@link #PASSWORD}. */
  public synchronized LocalRegistry basicAuth() {
    if (basicAuth == null) {
      basicAuth = start(USERNAME, PASSWORD);
    }
    return basicAuth;
  }

  private static LocalRegistry start(@Nullable String username, @Nullable String password) {
    Path scripts = Scripts.directory();
    try {
      Path state = Files.createTempDirectory("bulwark-registry-");
      int port = freePort();
      ProcessBuilder builder =
          username == null || password == null
              ? new ProcessBuilder(
                  scripts.resolve("registry").toString(), state.toString(), Integer.toString(port))
              : new ProcessBuilder(
                  scripts.resolve("registry").toString(),
                  state.toString(),
                  Integer.toString(port),
                  username,
                  password);
      Process process =
          builder
              .redirectErrorStream(true)
              .redirectOutput(state.resolve("registry.log").toFile())
              .start();
      Runtime.getRuntime()
          .addShutdownHook(new Thread(() -> stop(process, state), "registry-stop-" + port));
      LocalRegistry registry = new LocalRegistry("127.0.0.1:" + port, username, password, scripts);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
      while (!registry.answers()) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "registry on port " + port + " did not start; see " + state.resolve("registry.log"));
        }
        Thread.sleep(50);
      }
      return registry;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting a registry", e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void stop(Process process, Path state) {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      try (Stream<Path> files = Files.walk(state)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      }
    } catch (IOException e) {
      // Best effort at JVM exit: a leftover temporary folder is harmless.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
