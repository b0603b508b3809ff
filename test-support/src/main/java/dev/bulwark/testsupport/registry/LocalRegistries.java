package dev.bulwark.testsupport.registry;

import dev.bulwark.testsupport.token.TokenServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The registries of this test JVM, each started on first use on a free loopback port with its
 * storage in a temporary folder, and stopped (folder deleted) when the JVM exits: anonymous, with
 * HTTP basic auth, and with bearer tokens from a {@link TokenServer}. Thread-safe.
 */
public final class LocalRegistries {
  /** User name the basic-auth registry accepts. */
  public static final String USERNAME = "bulwark";

  /** Password the basic-auth registry accepts (a test secret, not a real one). */
  public static final String PASSWORD = "test-only-password";

  private static final long START_SECONDS = 20;
  private static @Nullable LocalRegistries instance;

  /** The {@code service} of the token-auth registry: the audience of its tokens. */
  public static final String TOKEN_SERVICE = "bulwark-test-registry";

  /** The {@code issuer} the token-auth registry trusts. */
  public static final String TOKEN_ISSUER = "bulwark-test-token-server";

  private @Nullable LocalRegistry anonymous;
  private @Nullable LocalRegistry basicAuth;
  private @Nullable LocalRegistry tokenAuth;
  private @Nullable TokenServer tokenServer;

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

  /**
   * A registry demanding bearer tokens from {@link #tokenServer()}, which issues them for {@link
   * #USERNAME} and {@link #PASSWORD}. The returned registry's credentials are those, which skopeo
   * and the scanner's client exchange for a token.
   */
  public synchronized LocalRegistry tokenAuth() {
    if (tokenAuth == null) {
      TokenServer tokens = tokenServer();
      try {
        Path bundle = Files.createTempFile("bulwark-token-root-", ".pem");
        bundle.toFile().deleteOnExit();
        Files.writeString(bundle, tokens.signer().certificatePem());
        tokenAuth =
            start(
                USERNAME,
                PASSWORD,
                List.of("--token", tokens.realm(), TOKEN_SERVICE, TOKEN_ISSUER, bundle.toString()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return tokenAuth;
  }

  /** The token server of {@link #tokenAuth()}, started on first use and stopped at JVM exit. */
  public synchronized TokenServer tokenServer() {
    if (tokenServer == null) {
      TokenServer started = TokenServer.start(TOKEN_SERVICE, TOKEN_ISSUER, USERNAME, PASSWORD);
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "token-server-stop"));
      tokenServer = started;
    }
    return tokenServer;
  }

  private static LocalRegistry start(@Nullable String username, @Nullable String password) {
    return start(
        username,
        password,
        username == null || password == null ? List.of() : List.of(username, password));
  }

  /** Starts the registry script with {@code mode}: its arguments after the state and the port. */
  private static LocalRegistry start(
      @Nullable String username, @Nullable String password, List<String> mode) {
    Path scripts = Scripts.directory();
    try {
      Path state = Files.createTempDirectory("bulwark-registry-");
      int port = freePort();
      List<String> command =
          new ArrayList<>(
              List.of(
                  scripts.resolve("registry").toString(),
                  state.toString(),
                  Integer.toString(port)));
      command.addAll(mode);
      Process process =
          new ProcessBuilder(command)
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
