package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up cost is part of the product: a one-file {@code bulwark check} must stay well under 0.3
 * s, and CEL's interpreter alone costs about 0.1 s of it. The built-in pack therefore uses native
 * checks, and a default run must not load a single CEL class. Runs the CLI in a fresh JVM, as users
 * do, and reads the JVM's class-loading log.
 */
class StartupClassLoadingTest {
  private static final String MANIFEST = "../examples/manifests/node-agent.yaml";

  @TempDir Path temp;

  @Test
  void aDefaultCheckLoadsNoCelClasses() throws Exception {
    List<String> loaded = loadedClasses("check", MANIFEST, "-o", "json");

    assertThat(loaded).anyMatch(name -> name.startsWith("dev.bulwark.policy.check."));
    assertThat(loaded).noneMatch(name -> name.startsWith("dev.cel."));
    assertThat(loaded)
        .as("no namespace has Pod Security labels, so Pod Security costs nothing")
        .noneMatch(name -> name.startsWith("dev.bulwark.policy.pss."));
    assertThat(loaded)
        .as("images are scanned only with --scan-images")
        .noneMatch(name -> name.startsWith("dev.bulwark.scanner."));
  }

  @Test
  void aCheckWithCelRulesLoadsCel() throws Exception {
    Path policy = temp.resolve("cel-policy.yaml");
    Files.writeString(
        policy,
        """
        name: Services must not be load balancers
        categories: [Network]
        lifecycleStages: [DEPLOY]
        severity: LOW_SEVERITY
        rules:
        - name: load-balancer
          expression: "object.kind == 'Service' && object.spec.type == 'LoadBalancer'"
          message: The service is a load balancer
        """);

    List<String> loaded =
        loadedClasses("check", MANIFEST, "-o", "json", "--policies", policy.toString());

    assertThat(loaded).anyMatch(name -> name.startsWith("dev.cel."));
  }

  private List<String> loadedClasses(String... args) throws IOException, InterruptedException {
    Path log = temp.resolve("classes-" + System.nanoTime() + ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xlog:class+load=info:file=" + log);
    command.add("--sun-misc-unsafe-memory-access=allow");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the CLI finished").isTrue();
    assertThat(process.exitValue()).as("exit code (1: blocking findings)").isEqualTo(1);
    List<String> classes = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      // "[info][class,load] name source: ..."
      String[] fields = line.split(" ");
      if (fields.length > 1) {
        classes.add(fields[1]);
      }
    }
    return classes;
  }
}
