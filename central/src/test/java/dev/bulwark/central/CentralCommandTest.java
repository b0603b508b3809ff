package dev.bulwark.central;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.central.auth.AdminBootstrap;
import dev.bulwark.central.policies.BuiltinPolicySeeder;
import dev.bulwark.central.server.CentralServer;
import dev.bulwark.central.server.CentralSettings;
import dev.bulwark.central.storage.ConnectionSettings;
import dev.bulwark.central.storage.Database;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CentralCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void helpListsTheOptions() {
    int code = CentralMain.commandLine().setOut(new PrintWriter(out)).execute("central", "--help");

    assertThat(code).isZero();
    assertThat(out.toString())
        .contains(
            "--port",
            "--host",
            "--data-dir",
            "--database-url",
            "--database-user",
            "--database-password-file",
            "--tls-cert",
            "--tls-key",
            "--admin-token-file",
            "--secret-key-file",
            "--alert-retention",
            "BULWARK_DATABASE_PASSWORD",
            "BULWARK_SECRET_KEY");
  }

  @Test
  void defaultsFollowTheXdgDirectories() throws Exception {
    CentralCommand command = parse(Map.of("XDG_DATA_HOME", "/data", "XDG_CACHE_HOME", "/cache"));

    CentralSettings settings = command.settings();

    assertThat(settings.dataDirectory()).isEqualTo(Path.of("/data/bulwark/central"));
    assertThat(settings.embeddedBinaries()).isEqualTo(Path.of("/cache/bulwark/embedded-postgres"));
    assertThat(settings.port()).isEqualTo(8443);
    assertThat(settings.database()).isNull();
    assertThat(settings.alertRetention()).isEqualTo(Duration.ofDays(90));
    assertThat(CentralSettings.defaultDataDirectory(null, Path.of("/home/u")))
        .isEqualTo(Path.of("/home/u/.local/share/bulwark/central"));
  }

  @Test
  void anExternalDatabaseTakesItsPasswordFromAFileOrTheEnvironment(@TempDir Path directory)
      throws Exception {
    Path password = Files.writeString(directory.resolve("password"), "from-file\n");

    CentralSettings fromFile =
        parse(
                Map.of(CentralCommand.DATABASE_PASSWORD, "from-env"),
                "--database-url",
                "jdbc:postgresql://db:5432/bulwark",
                "--database-user",
                "central",
                "--database-password-file",
                password.toString())
            .settings();
    CentralSettings fromEnvironment =
        parse(
                Map.of(CentralCommand.DATABASE_PASSWORD, "from-env", "BULWARK_SECRET_KEY", "k"),
                "--database-url",
                "jdbc:postgresql://db:5432/bulwark")
            .settings();

    ConnectionSettings file = Objects.requireNonNull(fromFile.database());
    assertThat(file.password()).isEqualTo("from-file");
    assertThat(file.user()).isEqualTo("central");
    assertThat(file.toString()).doesNotContain("from-file");
    assertThat(Objects.requireNonNull(fromEnvironment.database()).password()).isEqualTo("from-env");
    assertThat(fromEnvironment.secretKeyEnvironment()).isEqualTo("k");
  }

  @Test
  void anExternalDatabaseWithoutASecretsKeyIsRefusedBeforeConnecting(@TempDir Path data) {
    int code =
        run(
            Map.of(),
            "--data-dir",
            data.toString(),
            "--database-url",
            "jdbc:postgresql://127.0.0.1:1/nothing");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("an external database needs the secrets key")
        .contains("--secret-key-file")
        .contains("openssl rand -base64 32");
  }

  @Test
  void inconsistentOptionsAreUsageErrors(@TempDir Path data) {
    assertThat(run(Map.of(), "--data-dir", data.toString(), "--tls-cert", "a.pem")).isEqualTo(2);
    assertThat(err.toString()).contains("--tls-cert and --tls-key go together");
    assertThat(run(Map.of(), "--database-url", "jdbc:mysql://db/x")).isEqualTo(2);
    assertThat(err.toString()).contains("jdbc:postgresql://HOST:PORT/DATABASE");
    assertThat(run(Map.of(), "--database-password-file", "p")).isEqualTo(2);
    assertThat(err.toString()).contains("--database-password-file needs --database-url");
    assertThat(run(Map.of(), "--port", "70000")).isEqualTo(2);
    assertThat(err.toString()).contains("--port must be 0 to 65535");
  }

  @Test
  void theAlertRetentionIsGivenInDaysHoursOrMinutes() throws Exception {
    assertThat(parse(Map.of(), "--alert-retention", "30d").settings().alertRetention())
        .isEqualTo(Duration.ofDays(30));
    assertThat(parse(Map.of(), "--alert-retention", "12h").settings().alertRetention())
        .isEqualTo(Duration.ofHours(12));
    assertThat(parse(Map.of(), "--alert-retention", "90m").settings().alertRetention())
        .isEqualTo(Duration.ofMinutes(90));
    assertThat(run(Map.of(), "--alert-retention", "3 weeks")).isEqualTo(2);
    assertThat(err.toString()).contains("'3 weeks' is not a duration");
    assertThat(run(Map.of(), "--alert-retention", "30m")).isEqualTo(2);
    assertThat(err.toString()).contains("--alert-retention must be at least 1h");
  }

  private CentralCommand parse(Map<String, String> environment, String... arguments) {
    CentralCommand command = new CentralCommand(environment);
    new CommandLine(command).parseArgs(arguments);
    return command;
  }

  private int run(Map<String, String> environment, String... arguments) {
    CommandLine commandLine = new CommandLine(new CentralCommand(environment));
    commandLine.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
    return commandLine.execute(arguments);
  }

  @Test
  void theStartupMessageSaysWhetherBuiltinPoliciesWereSeeded() {
    Instant seededAt = Instant.parse("2026-11-27T08:00:00Z");

    String first = startupMessage(new BuiltinPolicySeeder.Outcome(112, seededAt));
    String later = startupMessage(new BuiltinPolicySeeder.Outcome(0, seededAt));

    assertThat(first).contains("  policies:       seeded 112 built-in policies now");
    assertThat(later)
        .contains("  policies:       built-in policies seeded on 2026-11-27T08:00:00Z");
  }

  private static String startupMessage(BuiltinPolicySeeder.Outcome policies) {
    StringWriter out = new StringWriter();
    CentralCommand.StartupMessage.print(
        new PrintWriter(out, true),
        new CentralServer.Started(
            8443,
            Path.of("/data"),
            "PostgreSQL 18",
            new Database.Migration("5", 0),
            Path.of("/data/tls.crt"),
            true,
            "/data/secret.key",
            false,
            new AdminBootstrap.Outcome.Existing(Path.of("/data/admin-token")),
            policies),
        "0.0.0.0");
    return out.toString();
  }
}
