package dev.bulwark.central;

import dev.bulwark.central.auth.AdminBootstrap;
import dev.bulwark.central.secrets.SecretKeys;
import dev.bulwark.central.server.CentralServer;
import dev.bulwark.central.server.CentralSettings;
import dev.bulwark.central.server.ImageScanSettings;
import dev.bulwark.central.storage.ConnectionSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bulwark central}: the server. Runs until stopped; SIGTERM stops the background jobs, the
 * HTTPS listener, the pool and the embedded database, in that order.
 */
@Command(
    name = "central",
    mixinStandardHelpOptions = true,
    versionProvider = CentralMain.Version.class,
    description = {
      "Run Bulwark central: the HTTPS API that keeps clusters, tokens, policies and alerts in"
          + " PostgreSQL (embedded in the data directory unless --database-url is given).",
      "",
      "Environment: BULWARK_DATABASE_PASSWORD (the database password, if no"
          + " --database-password-file), BULWARK_SECRET_KEY (the secrets key, if no"
          + " --secret-key-file)."
    })
final class CentralCommand implements Callable<Integer> {
  static final String DATABASE_PASSWORD = "BULWARK_DATABASE_PASSWORD";

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      description = "Address to listen on. Default: ${DEFAULT-VALUE}.")
  String host = "0.0.0.0";

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "HTTPS port. Default: ${DEFAULT-VALUE}.")
  int port = CentralSettings.DEFAULT_PORT;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Central's files: embedded database, generated certificate, admin token, secrets key."
              + " Default: $XDG_DATA_HOME/bulwark/central or ~/.local/share/bulwark/central.")
  @Nullable Path dataDirectory;

  @Option(
      names = "--database-url",
      paramLabel = "URL",
      description =
          "An external PostgreSQL (jdbc:postgresql://HOST:PORT/DATABASE) instead of the embedded"
              + " one.")
  @Nullable String databaseUrl;

  @Option(
      names = "--database-user",
      paramLabel = "USER",
      description = "The external database's user. Default: ${DEFAULT-VALUE}.")
  String databaseUser = "bulwark";

  @Option(
      names = "--database-password-file",
      paramLabel = "FILE",
      description = "A file holding the external database's password.")
  @Nullable Path databasePasswordFile;

  @Option(
      names = "--database-pool-size",
      paramLabel = "N",
      description = "Database connections at most. Default: ${DEFAULT-VALUE}.")
  int databasePoolSize = CentralSettings.DEFAULT_POOL_SIZE;

  @Option(names = "--tls-cert", paramLabel = "FILE", description = "Serving certificate (PEM).")
  @Nullable Path tlsCertificate;

  @Option(names = "--tls-key", paramLabel = "FILE", description = "Its private key (PEM).")
  @Nullable Path tlsKey;

  @Option(
      names = "--tls-name",
      paramLabel = "NAME",
      description =
          "Without --tls-cert: a DNS name or address for the generated certificate, besides"
              + " localhost, 127.0.0.1 and this host's name. Repeatable.")
  List<String> tlsNames = new ArrayList<>();

  @Option(
      names = "--admin-token-file",
      paramLabel = "FILE",
      description =
          "A file holding the admin token to register (at least 32 characters); without it, the"
              + " first start makes one and writes it to <data-dir>/admin-token.")
  @Nullable Path adminTokenFile;

  @Option(
      names = "--secret-key-file",
      paramLabel = "FILE",
      description =
          "The key that seals secrets at rest (32 random bytes, base64: openssl rand -base64 32)."
              + " Required with --database-url unless BULWARK_SECRET_KEY is set.")
  @Nullable Path secretKeyFile;

  @Option(
      names = "--max-request-bytes",
      paramLabel = "N",
      description = "Larger request bodies are refused. Default: ${DEFAULT-VALUE}.")
  int maxRequestBytes = CentralSettings.DEFAULT_MAX_REQUEST_BYTES;

  @Option(
      names = "--alert-retention",
      paramLabel = "DURATION",
      converter = RetentionConverter.class,
      description =
          "How long RESOLVED and ATTEMPTED alerts are kept, in days (90d), hours (12h) or"
              + " minutes (30m); at least 1h. Default: 90d.")
  Duration alertRetention = CentralSettings.DEFAULT_ALERT_RETENTION;

  @Option(
      names = "--vulndb",
      paramLabel = "DIR",
      description =
          "The vulnerability database (imported with `bulwark db import` or `db update`) that"
              + " images scanned for POST /v1/detect/build and the inventory's images are matched"
              + " against; without it, vulnerability criteria are reported as not evaluated.")
  @Nullable Path vulnerabilityDatabase;

  @Option(
      names = "--insecure-registry",
      paramLabel = "HOST[:PORT]",
      description =
          "A registry central pulls from over plain HTTP (test registries only). Repeatable.")
  List<String> insecureRegistries = new ArrayList<>();

  @Option(
      names = "--scan-cache",
      paramLabel = "DIR",
      description = "The layer cache of image scans. Default: <data-dir>/scan-cache.")
  @Nullable Path scanCache;

  @Option(
      names = "--image-rescan-interval",
      paramLabel = "DURATION",
      converter = RetentionConverter.class,
      description =
          "How often the images deployments use are scanned again (tags move, the database"
              + " learns new vulnerabilities), such as 24h or 7d. Default: 24h.")
  Duration imageRescanInterval = ImageScanSettings.DEFAULT_RESCAN_INTERVAL;

  @Option(
      names = "--no-inventory-scans",
      description =
          "Do not pull and scan the images deployments use (for a central that cannot reach"
              + " the registries): image criteria are then reported as not evaluated.")
  boolean noInventoryScans;

  @Spec CommandSpec spec;

  private final Map<String, String> environment;

  CentralCommand() {
    this(System.getenv());
  }

  CentralCommand(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    CentralServer server;
    try {
      server = CentralServer.start(settings(), Clock.systemUTC());
    } catch (Exception e) {
      err.println("bulwark central: " + e.getMessage());
      err.flush();
      return CentralMain.USAGE_OR_INPUT_ERROR;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "central-shutdown"));
    StartupMessage.print(out, server.started(), host);
    out.flush();
    stopped.await();
    return CentralMain.OK;
  }

  /** The settings the options and the environment describe. */
  CentralSettings settings() throws IOException {
    Path home = Path.of(System.getProperty("user.home"));
    ConnectionSettings database = null;
    if (databaseUrl != null) {
      database = new ConnectionSettings(databaseUrl, databaseUser, databasePassword());
    } else if (databasePasswordFile != null) {
      throw new IllegalArgumentException("--database-password-file needs --database-url");
    }
    return new CentralSettings(
        host,
        port,
        dataDirectory != null
            ? dataDirectory
            : CentralSettings.defaultDataDirectory(environment.get("XDG_DATA_HOME"), home),
        database,
        CentralSettings.defaultBinaries(environment.get("XDG_CACHE_HOME"), home),
        tlsCertificate,
        tlsKey,
        tlsNames,
        adminTokenFile,
        secretKeyFile,
        environment.get(SecretKeys.ENVIRONMENT),
        maxRequestBytes,
        databasePoolSize,
        CentralSettings.DEFAULT_JOB_POLL,
        alertRetention,
        new ImageScanSettings(
            vulnerabilityDatabase,
            insecureRegistries,
            scanCache,
            ImageScanSettings.DEFAULT_CONCURRENCY,
            ImageScanSettings.DEFAULT_DEADLINE,
            !noInventoryScans,
            imageRescanInterval));
  }

  /** Reads {@code 90d}, {@code 12h} or {@code 30m}. */
  static final class RetentionConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      if (value.matches("[0-9]{1,6}[dhm]")) {
        long amount = Long.parseLong(value.substring(0, value.length() - 1));
        return switch (value.charAt(value.length() - 1)) {
          case 'd' -> Duration.ofDays(amount);
          case 'h' -> Duration.ofHours(amount);
          default -> Duration.ofMinutes(amount);
        };
      }
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not a duration: write a whole number and d, h or m, e.g. 90d");
    }
  }

  private @Nullable String databasePassword() throws IOException {
    Path file = databasePasswordFile;
    if (file != null) {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    }
    return environment.get(DATABASE_PASSWORD);
  }

  /** What central prints once it serves: where, how to trust it, how to log in. */
  static final class StartupMessage {
    private StartupMessage() {}

    static void print(PrintWriter out, CentralServer.Started started, String host) {
      String address = wildcard(host) ? "localhost" : host;
      String url = "https://" + address + ":" + started.port();
      out.printf(
          "bulwark central %s: listening on https://%s:%d (API under /v1, described at"
              + " /v1/openapi.json)%n",
          CentralServer.version(), host, started.port());
      out.printf("  data directory: %s%n", started.dataDirectory());
      out.printf(
          "  database:       %s (schema version %s%s)%n",
          started.database(),
          started.migration().schemaVersion(),
          started.migration().applied() == 0
              ? ""
              : ", " + started.migration().applied() + " migration(s) applied now");
      out.printf(
          "  TLS:            %s%n",
          started.certificateGenerated()
              ? "generated certificate; clients trust " + started.certificate()
              : "certificate " + started.certificate());
      out.printf(
          "  secrets key:    %s%s%n",
          started.secretKeySource(), started.secretKeyGenerated() ? " (generated now)" : "");
      out.printf(
          "  policies:       %s%n",
          started.builtinPolicies().seeded() > 0
              ? "seeded "
                  + started.builtinPolicies().seeded()
                  + " built-in policies now (once per"
                  + " installation; deleted ones stay deleted)"
              : "built-in policies seeded on " + started.builtinPolicies().seededAt());
      Path tokenFile = adminTokenLine(out, started.admin());
      if (tokenFile != null) {
        out.printf(
            "  try:            curl --cacert %s -H \"Authorization: Bearer $(cat %s)\""
                + " %s/v1/clusters%n",
            started.certificate(), tokenFile, url);
      }
    }

    /** Whether the listen address means "every interface". */
    private static boolean wildcard(String host) {
      return host.isEmpty() || host.equals("0.0.0.0") || host.equals("::");
    }

    private static @Nullable Path adminTokenLine(PrintWriter out, AdminBootstrap.Outcome admin) {
      return switch (admin) {
        case AdminBootstrap.Outcome.Created created -> {
          out.printf(
              "  admin token:    %s%n"
                  + "                  (shown once; also in %s, readable by you only)%n",
              created.token().secret(), created.file());
          yield created.file();
        }
        case AdminBootstrap.Outcome.Existing existing -> {
          if (Files.exists(existing.file())) {
            out.printf("  admin token:    in %s (log in with it)%n", existing.file());
            yield existing.file();
          }
          out.println(
              "  admin token:    none made here (this installation has tokens); an admin issues"
                  + " more with POST /v1/tokens");
          yield null;
        }
        case AdminBootstrap.Outcome.Given given -> {
          out.printf(
              "  admin token:    from %s%s%n",
              given.file(), given.registered() ? " (registered now)" : "");
          yield given.file();
        }
      };
    }
  }
}
