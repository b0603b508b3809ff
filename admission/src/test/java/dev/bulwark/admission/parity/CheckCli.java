package dev.bulwark.admission.parity;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The packaged {@code bulwark check} (cli/target/bulwark-cli.jar and its lib/), loaded in its own
 * class loader and run in this JVM: the CLI as users get it, without this module depending on it.
 */
final class CheckCli implements AutoCloseable {
  private final URLClassLoader loader;
  private final Method commandLine;

  private CheckCli(URLClassLoader loader) throws ReflectiveOperationException {
    this.loader = loader;
    this.commandLine =
        loader.loadClass("dev.bulwark.cli.Main").getDeclaredMethod("commandLine", String[].class);
    this.commandLine.setAccessible(true);
  }

  /** The CLI the reactor packaged before this module; missing fails on CI and skips elsewhere. */
  static CheckCli packaged() throws IOException, ReflectiveOperationException {
    Path target = Path.of("../cli/target").toAbsolutePath().normalize();
    Path jar = target.resolve("bulwark-cli.jar");
    if (!Files.isRegularFile(jar)) {
      String message = jar + " is missing: package the CLI first (./mvnw verify builds it)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(message);
      }
      Assumptions.abort(message);
    }
    List<URL> urls = new ArrayList<>();
    urls.add(jar.toUri().toURL());
    try (Stream<Path> libs = Files.list(target.resolve("lib"))) {
      for (Path lib : libs.filter(file -> file.toString().endsWith(".jar")).sorted().toList()) {
        urls.add(lib.toUri().toURL());
      }
    }
    return new CheckCli(
        new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader()));
  }

  /** Runs {@code bulwark ARGS} and returns what it printed on standard output. */
  String run(String... args) throws ReflectiveOperationException {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      Object cli = commandLine.invoke(null, (Object) args);
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      cli.getClass().getMethod("setOut", PrintWriter.class).invoke(cli, new PrintWriter(out));
      cli.getClass().getMethod("setErr", PrintWriter.class).invoke(cli, new PrintWriter(err));
      int code =
          (int) cli.getClass().getMethod("execute", String[].class).invoke(cli, (Object) args);
      if (code > 1) {
        throw new IllegalStateException(
            "bulwark " + String.join(" ", args) + " exited " + code + ": " + err);
      }
      return out.toString();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  @Override
  public void close() throws IOException {
    loader.close();
  }
}
